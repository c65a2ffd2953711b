package io.jvicorn.examples;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
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
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A WebSocket echo server: every text or binary message comes back unchanged, on any path, until the client closes.
 * It accepts the first subprotocol the client offers. Plain HTTP requests get a one-line hint.
 */
public final class WebSocketEchoApp implements Application {
    private static final byte[] HINT =
            "WebSocket echo: open a WebSocket to this server and every message comes back.\n"
                    .getBytes(StandardCharsets.US_ASCII);

    /** Creates the application; it has no state. */
    public WebSocketEchoApp() {
    }

    /**
     * Echoes a WebSocket's messages, or answers HTTP with the hint.
     *
     * @throws IllegalArgumentException for lifespan scopes
     */
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        switch (scope) {
            case WebSocketScope ws -> echo(ws, receive, send);
            case HttpScope http -> {
                send.send(new HttpResponseStart(200, List.of(Header.of("content-type", "text/plain"))));
                send.send(new HttpResponseBody(HINT, false));
            }
            default -> throw UnsupportedScopes.reject(WebSocketEchoApp.class, scope);
        }
    }

    private static void echo(WebSocketScope scope, Receive receive, Send send) throws Exception {
        receive.receive(); // websocket.connect
        List<String> offered = scope.subprotocols();
        send.send(new WebSocketAccept(offered.isEmpty() ? null : offered.get(0), List.of()));
        while (true) {
            ReceiveEvent event = receive.receive();
            if (!(event instanceof WebSocketReceive message)) {
                return; // websocket.disconnect
            }
            send.send(new WebSocketSend(message.bytes(), message.text()));
        }
    }
}
