package io.jvicorn.examples;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application {@code scripts/connection-races} runs against: one path per way a connection can end, so a client
 * can check how the server closes, keeps or half-closes a connection around it.
 *
 * <ul>
 *   <li>{@code /error}: throws before starting the response (the server answers 500 and closes the connection);
 *   <li>{@code /close}: {@code 200 /close} with a {@code connection: close} header set by the application;
 *   <li>{@code /gone}: receives until {@code http.disconnect} and returns without responding (the client went away
 *       mid-request; a client that stays connected waits forever, as with any application that never answers);
 *   <li>{@code /stats}: {@code 200 gone=N disconnected=M}, how many {@code /gone} calls started and how many of them
 *       saw {@code http.disconnect} and returned, since the application was created;
 *   <li>any other path: {@code 200} with the path as the body ({@code text/plain}).
 * </ul>
 *
 * <p>Request bodies are not read except by {@code /gone}.
 */
public final class ConnectionProbeApp implements Application {
    /** The message of the exception {@code /error} throws, so a log reader can tell it from a server error. */
    public static final String ERROR_MESSAGE = "ConnectionProbeApp: /error fails before starting the response";

    private final AtomicLong goneCalls = new AtomicLong();
    private final AtomicLong goneDisconnects = new AtomicLong();

    /** Creates the application with its {@code /gone} counters at zero. */
    public ConnectionProbeApp() {
    }

    /**
     * Answers according to the path, as the class comment describes.
     *
     * @throws IllegalStateException    for {@code /error}, on purpose
     * @throws IllegalArgumentException for websocket and lifespan scopes
     */
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (!(scope instanceof HttpScope http)) {
            throw UnsupportedScopes.reject(ConnectionProbeApp.class, scope);
        }
        switch (http.path()) {
            case "/error" -> throw new IllegalStateException(ERROR_MESSAGE);
            case "/close" -> respond(send, "/close", List.of(Header.of("connection", "close")));
            case "/gone" -> awaitDisconnect(receive);
            case "/stats" -> respond(send, "gone=" + goneCalls.get() + " disconnected=" + goneDisconnects.get(),
                    List.of());
            default -> respond(send, http.path(), List.of());
        }
    }

    private void awaitDisconnect(Receive receive) throws Exception {
        goneCalls.incrementAndGet();
        while (true) {
            ReceiveEvent event = receive.receive();
            if (event instanceof HttpDisconnect) {
                goneDisconnects.incrementAndGet();
                return;
            }
        }
    }

    private static void respond(Send send, String text, List<Header> extra) throws Exception {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        List<Header> headers = new ArrayList<>(List.of(
                Header.of("content-type", "text/plain; charset=utf-8"),
                Header.of("content-length", Integer.toString(body.length))));
        headers.addAll(extra);
        send.send(new HttpResponseStart(200, headers));
        send.send(new HttpResponseBody(body, false));
    }
}
