package io.jvicorn.http11.server;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.rules.ScopeParts;
import io.jvicorn.asgi.rules.TlsExtension;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.proxy.ForwardedAllowList;
import io.jvicorn.http11.proxy.ProxyHeaders;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * What one connection's requests see of it in their scopes: client, server and scheme (from trusted proxy headers
 * where the peer is a trusted proxy), {@code root_path} joined to the path, a copy of the lifespan state, and the
 * extensions, with {@code tls} once the handshake is done.
 */
final class ScopeFactory {
    /**
     * Where a request came from and arrived, after proxy headers.
     *
     * @param client the client address
     * @param server the server address
     * @param scheme {@code http}/{@code https}, or {@code ws}/{@code wss} for a WebSocket upgrade
     */
    record Endpoints(@Nullable Address client, @Nullable Address server, String scheme) {
    }

    private final Transport connection;
    private final HttpSettings settings;
    private final @Nullable Address client;
    private final @Nullable Address server;
    /** Whether proxy headers from this peer are believed; decided once per connection. */
    private final boolean peerTrusted;
    // Built on first use after the TLS handshake, then shared by the connection's requests.
    private volatile @Nullable Map<String, Object> tlsInfo;
    private volatile @Nullable Map<String, Object> withTls;

    /**
     * @param connection the connection
     * @param settings   the server's HTTP settings
     * @param client     the peer's address
     * @param server     the address the connection arrived on
     */
    ScopeFactory(Transport connection, HttpSettings settings, @Nullable Address client, @Nullable Address server) {
        this.connection = connection;
        this.settings = settings;
        this.client = client;
        this.server = server;
        ForwardedAllowList trusted = settings.trustedProxies();
        // A unix-socket peer has no address of its own: it is trusted as "unix:" or by the listening socket's path. An
        // IP client on a unix socket is one a PROXY header named: the connection stands for it, so it is checked.
        boolean ipClient = client != null && client.port() != null;
        Address peer = !ipClient && server != null && server.port() == null ? server : client;
        this.peerTrusted = trusted != null && trusted.trustsPeer(peer);
    }

    /** @return the peer's address, before proxy headers */
    @Nullable Address client() {
        return client;
    }

    /**
     * @param head  the request head
     * @param state the lifespan state of the application that runs the request; the scope gets a shallow copy
     * @return the request's {@code http} scope
     */
    HttpScope httpScope(RequestHead head, Map<String, Object> state) {
        Endpoints endpoints = endpoints(head, false);
        return new HttpScope(AsgiVersion.HTTP, head.version().text(), head.method(), endpoints.scheme(),
                path(head), rawPath(head), head.queryString(), settings.rootPath(), head.headers(), endpoints.client(),
                endpoints.server(), new HashMap<>(state), extensions());
    }

    /**
     * @param head      the request head
     * @param webSocket whether the scheme is a WebSocket's ({@code ws}/{@code wss})
     * @return client, server and scheme, from proxy headers where the peer is trusted
     */
    Endpoints endpoints(RequestHead head, boolean webSocket) {
        // A PROXY v2 header from a trusted proxy that terminated the client's TLS makes the request an HTTPS one.
        String scheme = connection.tlsAtProxy() ? "https" : settings.scheme();
        if (webSocket) {
            scheme = "https".equals(scheme) ? "wss" : "ws";
        }
        ForwardedAllowList trusted = settings.trustedProxies();
        if (trusted == null || !peerTrusted) {
            return new Endpoints(client, server, scheme);
        }
        ProxyHeaders.Resolved forwarded = ProxyHeaders.resolve(head.headers(), client, scheme, webSocket, trusted,
                true);
        return new Endpoints(forwarded.client(), forwarded.server(server), forwarded.scheme());
    }

    /**
     * @param head the request head
     * @return the percent-decoded path with {@code root_path} in front, as Uvicorn builds it
     */
    String path(RequestHead head) {
        return ScopeParts.path(head.rawPath(), settings.rootPath());
    }

    /**
     * @param head the request head
     * @return the raw path with {@code root_path} in front
     */
    byte[] rawPath(RequestHead head) {
        return ScopeParts.rawPath(head.rawPath(), settings.rootPath());
    }

    /**
     * A WebSocket handshake to hand to the {@link WebSocketUpgrade}, with this connection's scope parts.
     *
     * @param connection   the connection, or the HTTP/2 stream the handshake came on
     * @param head         the handshake request
     * @param generation   the application generation it runs on (its lifespan state is copied for the scope)
     * @param leftover     bytes received after the head
     * @param shuttingDown whether a graceful shutdown reached the connection
     * @param stream       the HTTP/2 stream, or null for HTTP/1.1
     * @return the request
     */
    UpgradeRequest upgradeRequest(Transport connection, RequestHead head, AppGeneration generation,
            ByteBuffer leftover, BooleanSupplier shuttingDown, @Nullable UpgradeStream stream) {
        Endpoints endpoints = endpoints(head, true);
        return new UpgradeRequest(connection, head, path(head), rawPath(head), endpoints.client(), endpoints.server(),
                generation.app(), new HashMap<>(generation.state()), settings, leftover, endpoints.scheme(),
                tlsExtension(), shuttingDown, stream);
    }

    /** The scope extensions: trailers and pathsend, plus {@code tls} on a TLS connection. */
    private Map<String, Object> extensions() {
        Map<String, Object> tls = tlsExtension();
        if (tls == null) {
            return ScopeParts.HTTP_EXTENSIONS;
        }
        Map<String, Object> merged = withTls;
        if (merged == null) {
            merged = ScopeParts.httpExtensions(tls);
            withTls = merged;
        }
        return merged;
    }

    /** @return the {@code tls} extension, or null on plaintext or before the handshake completed */
    @Nullable Map<String, Object> tlsExtension() {
        if (!connection.isTls()) {
            return null;
        }
        Map<String, Object> tls = tlsInfo;
        if (tls == null) {
            SSLSession session = connection.tlsSession();
            if (session == null) {
                return null;
            }
            tls = Collections.unmodifiableMap(TlsExtension.asgiExtension(session));
            tlsInfo = tls;
        }
        return tls;
    }
}
