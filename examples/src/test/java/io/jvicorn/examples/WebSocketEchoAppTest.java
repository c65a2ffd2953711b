package io.jvicorn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.testing.TestClient;
import io.jvicorn.testing.TestResponse;
import io.jvicorn.testing.TestWebSocket;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class WebSocketEchoAppTest {

    @Test
    void acceptsWithTheFirstSubprotocolAndEchoesUntilDisconnect() throws Exception {
        try (TestClient client = TestClient.of(new WebSocketEchoApp());
             TestWebSocket ws = client.websocket("/", "a", "b")) {
            assertEquals("a", ws.subprotocol());
            ws.sendText("hi");
            assertEquals("hi", ws.receiveText());
            ws.sendBytes(new byte[] {1, 2});
            assertArrayEquals(new byte[] {1, 2}, ws.receiveBytes());
        }
    }

    @Test
    void plainHttpGetsAHint() throws Exception {
        try (TestClient client = TestClient.of(new WebSocketEchoApp())) {
            TestResponse r = client.get("/");
            assertEquals(200, r.status());
            assertEquals("WebSocket echo: open a WebSocket to this server and every message comes back.\n", r.text());
        }
    }

    @Test
    void lifespanIsNotSupported() {
        assertThrows(IllegalArgumentException.class, () -> new WebSocketEchoApp().call(
                new LifespanScope(AsgiVersion.LIFESPAN, new HashMap<>()), () -> null, e -> { }));
    }
}
