package io.jvicorn.examples;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The application {@code scripts/soak} runs against: plain HTTP and WebSocket on one server, on the same paths as
 * the benchmark peers ({@code /plaintext}, {@code /echo}, {@code /ws}), so the same clients drive jvicorn and Netty.
 * <ul>
 *   <li>{@code GET} or {@code HEAD} (any path): {@code 200 Hello, world!} as {@code text/plain}, with a length.</li>
 *   <li>{@code POST} or {@code PUT} (any path): the request body back, whole, with a length and the request's
 *       {@code content-type} (or {@code application/octet-stream}); nothing if the client disconnects first.</li>
 *   <li>any other method: {@code 405}.</li>
 *   <li>a WebSocket (any path): accepted without a subprotocol; every text or binary message comes back unchanged
 *       until the client closes.</li>
 * </ul>
 */
public final class SoakApp implements Application {
    private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.US_ASCII);
    private static final HttpResponseStart HELLO_START = new HttpResponseStart(200, List.of(
            Header.of("content-type", "text/plain"),
            Header.of("content-length", Integer.toString(HELLO.length))));
    private static final HttpResponseBody HELLO_BODY = new HttpResponseBody(HELLO, false);
    private static final HttpResponseStart NOT_ALLOWED = new HttpResponseStart(405, List.of(
            Header.of("allow", "GET, HEAD, POST, PUT"),
            Header.of("content-length", "0")));
    private static final HttpResponseBody EMPTY = new HttpResponseBody(new byte[0], false);
    private static final WebSocketAccept ACCEPT = new WebSocketAccept(null, List.of());
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    /** Creates the application; it has no state. */
    public SoakApp() {
    }

    /**
     * Answers as the class comment describes.
     *
     * @throws IllegalArgumentException for lifespan scopes
     */
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        switch (scope) {
            case WebSocketScope ws -> echo(receive, send);
            case HttpScope http -> http(http, receive, send);
            default -> throw UnsupportedScopes.reject(SoakApp.class, scope);
        }
    }

    private static void http(HttpScope http, Receive receive, Send send) throws Exception {
        switch (http.method()) {
            case "GET", "HEAD" -> {
                send.send(HELLO_START);
                send.send(HELLO_BODY);
            }
            case "POST", "PUT" -> {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                while (true) {
                    ReceiveEvent event = receive.receive();
                    if (event instanceof HttpDisconnect) {
                        return;
                    }
                    HttpRequest chunk = (HttpRequest) event;
                    body.writeBytes(chunk.body());
                    if (!chunk.moreBody()) {
                        break;
                    }
                }
                String contentType = http.header("content-type");
                send.send(new HttpResponseStart(200, List.of(
                        Header.of("content-type", contentType != null ? contentType : DEFAULT_CONTENT_TYPE),
                        Header.of("content-length", Integer.toString(body.size())))));
                send.send(new HttpResponseBody(body.toByteArray(), false));
            }
            default -> {
                send.send(NOT_ALLOWED);
                send.send(EMPTY);
            }
        }
    }

    private static void echo(Receive receive, Send send) throws Exception {
        receive.receive(); // websocket.connect
        send.send(ACCEPT);
        while (true) {
            ReceiveEvent event = receive.receive();
            if (!(event instanceof WebSocketReceive message)) {
                return; // websocket.disconnect
            }
            send.send(new WebSocketSend(message.bytes(), message.text()));
        }
    }
}
