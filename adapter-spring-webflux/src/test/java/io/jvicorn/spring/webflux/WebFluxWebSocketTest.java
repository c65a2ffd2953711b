package io.jvicorn.spring.webflux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.testing.TestClient;
import io.jvicorn.testing.TestWebSocket;
import io.jvicorn.testing.WebSocketClosedException;
import io.jvicorn.testing.WebSocketDeniedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** WebFlux's WebSocketHandler on jvicorn's WebSocket scope, in-process and over a real socket. */
class WebFluxWebSocketTest {

    @Test
    void theHandlerEchoesInProcess() throws Exception {
        try (TestClient client = TestClient.of(new WebFluxApplication(DemoApp.handler()))) {
            // Spring splits the offer at commas without trimming, so the first offer is the one that can match.
            try (TestWebSocket ws = client.websocket("/ws/echo", "echo.v1", "other")) {
                assertEquals("echo.v1", ws.subprotocol());
                ws.sendText("hello");
                assertEquals("echo: hello", ws.receiveText());
                ws.sendBytes(new byte[] {1, 2, 3});
                assertArrayEquals(new byte[] {1, 2, 3}, ws.receiveBytes());
                ws.sendText("bye");
                WebSocketClosedException closed = ws.receiveClose();
                assertEquals(4000, closed.code());
                assertEquals("bye", closed.reason());
            }
            // No WebSocketHandler there: WebFlux's 404 becomes the denial response.
            assertEquals(404, assertThrows(WebSocketDeniedException.class, () -> client.websocket("/ws/nowhere"))
                    .status());
        }
    }

    @Test
    void aClientThatClosesEndsTheHandler() throws Exception {
        try (TestClient client = TestClient.of(new WebFluxApplication(DemoApp.handler()))) {
            TestWebSocket ws = client.websocket("/ws/echo");
            ws.sendText("one");
            assertEquals("echo: one", ws.receiveText());
            ws.close(1001, "going away"); // returns once the application returned
        }
    }

    @Test
    void theJdkWebSocketClientTalksToItOverTheServer() throws Exception {
        try (Server server = new Server(ServerConfig.builder(new WebFluxApplication(DemoApp.handler()))
                .host("127.0.0.1").port(0).loops(2).accessLog(false).build())) {
            server.start();
            LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
            WebSocket.Listener listener = new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        events.add(text.toString());
                        text.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    events.add("closed " + statusCode + " " + reason);
                    return CompletableFuture.completedFuture(null);
                }
            };
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .subprotocols("echo.v1")
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/echo"), listener)
                    .get(30, TimeUnit.SECONDS);
            assertEquals("echo.v1", ws.getSubprotocol());
            ws.sendText("over the wire", true).get(30, TimeUnit.SECONDS);
            assertEquals("echo: over the wire", events.poll(30, TimeUnit.SECONDS));
            ws.sendText("bye", true).get(30, TimeUnit.SECONDS);
            assertEquals("closed 4000 bye", events.poll(30, TimeUnit.SECONDS));
            ws.sendBinary(ByteBuffer.allocate(0), true).handle((r, e) -> null); // the socket is closed: ignored
        }
    }
}
