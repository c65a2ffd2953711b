package io.jvicorn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketSend;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketEchoAppTest {

    @Test
    void acceptsWithTheFirstSubprotocolAndEchoesUntilDisconnect() throws Exception {
        FakeSocket socket = new FakeSocket();
        socket.client("hi");
        socket.client(new byte[] {1, 2});
        socket.disconnect();
        new WebSocketEchoApp().call(FakeSocket.scope("/", List.of("a", "b")), socket.receive(), socket.send());
        assertEquals(3, socket.sent.size());
        assertEquals(new WebSocketAccept("a", List.of()), socket.sent.get(0));
        assertEquals("hi", ((WebSocketSend) socket.sent.get(1)).text());
        assertArrayEquals(new byte[] {1, 2}, ((WebSocketSend) socket.sent.get(2)).bytes());
    }

    @Test
    void plainHttpGetsAHint() throws Exception {
        FakeExchange exchange = new FakeExchange();
        new WebSocketEchoApp().call(FakeExchange.get("/"), exchange.receive(), exchange.send());
        assertEquals(200, exchange.start().status());
        assertEquals("WebSocket echo: open a WebSocket to this server and every message comes back.\n",
                exchange.body());
    }

    @Test
    void lifespanIsNotSupported() {
        assertThrows(IllegalArgumentException.class, () -> new WebSocketEchoApp().call(
                new LifespanScope(AsgiVersion.LIFESPAN, new HashMap<>()), () -> null, e -> { }));
    }
}
