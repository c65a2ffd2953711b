package io.jvicorn.server;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** An application and a client for the observer, metrics and JFR tests: HTTP echo with status, WebSocket echo. */
final class ObservedApps {
    private ObservedApps() {
    }

    /** HTTP: reads the body and answers it back, with the status the path names ({@code /status/404}); WebSocket: echoes. */
    static Application echo() {
        return (scope, receive, send) -> {
            if (scope instanceof HttpScope http) {
                byte[] body = Apps.readBody(receive);
                int status = http.path().startsWith("/status/") ? Integer.parseInt(http.path().substring(8)) : 200;
                send.send(new HttpResponseStart(status, List.of(Header.of("content-length",
                        Integer.toString(body.length)))));
                send.send(new HttpResponseBody(body));
            } else if (scope instanceof WebSocketScope) {
                receive.receive(); // websocket.connect
                send.send(new WebSocketAccept());
                while (true) {
                    ReceiveEvent event = receive.receive();
                    if (!(event instanceof WebSocketReceive message)) {
                        return; // websocket.disconnect
                    }
                    send.send(message.text() != null ? WebSocketSend.text(message.text())
                            : WebSocketSend.bytes(message.bytes()));
                }
            }
        };
    }

    /** Opens a WebSocket, sends {@code text}, waits for its echo, closes and waits for the server's close. */
    static void webSocketRoundTrip(HttpClient client, int port, String text) throws Exception {
        CompletableFuture<String> echoed = new CompletableFuture<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        echoed.complete(data.toString());
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        closed.complete(code);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText(text, true).get(10, TimeUnit.SECONDS);
        if (!text.equals(echoed.get(10, TimeUnit.SECONDS))) {
            throw new AssertionError("echo was not " + text);
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        closed.get(10, TimeUnit.SECONDS);
    }
}
