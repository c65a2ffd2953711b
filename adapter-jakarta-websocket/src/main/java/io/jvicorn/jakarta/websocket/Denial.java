package io.jvicorn.jakarta.websocket;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketHttpResponseBody;
import io.jvicorn.asgi.WebSocketHttpResponseStart;
import io.jvicorn.asgi.WebSocketScope;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Refuses a handshake with an HTTP status: through the denial-response extension when the server offers it
 * ({@code websocket.http.response}), else with {@code websocket.close} before accepting, which the server answers
 * with 403.
 */
final class Denial {
    private Denial() {
    }

    static void send(WebSocketScope scope, Send send, int status, String text) throws Exception {
        if (scope.extensions().containsKey("websocket.http.response")) {
            byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
            send.send(new WebSocketHttpResponseStart(status, List.of(
                    Header.of("content-type", "text/plain; charset=utf-8"),
                    Header.of("content-length", Integer.toString(body.length)))));
            send.send(new WebSocketHttpResponseBody(body, false));
        } else {
            send.send(new WebSocketClose());
        }
    }
}
