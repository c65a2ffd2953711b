package io.jvicorn.http11.server;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.codec.RequestHead;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What another HTTP version's connection handler shares with HTTP/1.1's, one concept each defined once here: the
 * request's scope ({@link ScopeFactory}: proxy headers, root_path, state, tls), the access log line, and the debug
 * page. One instance per connection, used from any thread.
 */
public final class ExchangeSupport {
    /** The debug page's content type. */
    public static final String DEBUG_PAGE_CONTENT_TYPE = DebugPage.CONTENT_TYPE;

    private final Transport transport;
    private final HttpSettings settings;
    private final ScopeFactory scopes;

    /**
     * @param transport the connection
     * @param settings  the server's HTTP settings
     */
    public ExchangeSupport(Transport transport, HttpSettings settings) {
        this.transport = transport;
        this.settings = settings;
        this.scopes = new ScopeFactory(transport, settings, AsgiAddresses.of(transport.remoteAddress()),
                AsgiAddresses.local(transport.localAddress()));
    }

    /**
     * The request's {@code http} scope, as HTTP/1.1 builds it ({@code http_version} from the head's version).
     *
     * @param head       the request head
     * @param generation the application generation the request runs on (its lifespan state goes in the scope)
     * @return the scope
     */
    public HttpScope scope(RequestHead head, AppGeneration generation) {
        return scopes.httpScope(head, generation.state());
    }

    /**
     * Logs the access line, when the server keeps an access log.
     *
     * @param scope      the request's scope (its client, after proxy headers)
     * @param head       the request
     * @param status     the response status
     * @param bytes      the response body's length
     * @param startNanos {@link System#nanoTime()} when the request started
     */
    public void accessLog(HttpScope scope, RequestHead head, int status, long bytes, long startNanos) {
        AccessLog.log(settings, scope.client(), head, status, bytes, startNanos);
    }

    /**
     * Logs the access line of a request refused before it had a scope ({@code --limit-concurrency}'s 503), with the
     * peer's address as HTTP/1.1 logs it.
     *
     * @param head       the request
     * @param status     the response status
     * @param bytes      the response body's length
     * @param startNanos {@link System#nanoTime()} when the request started
     */
    public void accessLogRefused(RequestHead head, int status, long bytes, long startNanos) {
        AccessLog.log(settings, scopes.client(), head, status, bytes, startNanos);
    }

    /**
     * The debug page for an application failure, when the server shows one to this client ({@code --debug}, a
     * loopback peer and client).
     *
     * @param failure what the application threw
     * @param scope   the request's scope
     * @return the page (UTF-8 HTML), or null for the plain 500
     */
    public byte @Nullable [] debugPage(Throwable failure, HttpScope scope) {
        if (!settings.debugPage() || !DebugPage.shownTo(transport.remoteAddress(), scope.client())) {
            return null;
        }
        return DebugPage.render(failure, scope, settings.debugSources(), true); // a stream's own thread may read
    }

    /**
     * A WebSocket handshake that arrived on an HTTP/2 stream (RFC 8441), with the scope parts an HTTP/1.1 upgrade gets.
     *
     * @param stream       the stream, as the connection the WebSocket runs on and as where its response head goes
     * @param head         the handshake request
     * @param generation   the application generation it runs on
     * @param shuttingDown whether a graceful shutdown reached the connection
     * @param <S>          a stream that is both
     * @return the request
     */
    public <S extends Transport & UpgradeStream> UpgradeRequest upgradeRequest(S stream, RequestHead head,
            AppGeneration generation, BooleanSupplier shuttingDown) {
        return scopes.upgradeRequest(stream, head, generation, ByteBuffer.allocate(0), shuttingDown, stream);
    }

    /**
     * The peer's address, before proxy headers.
     *
     * @return the address, or null when unknown
     */
    public @Nullable Address client() {
        return scopes.client();
    }
}
