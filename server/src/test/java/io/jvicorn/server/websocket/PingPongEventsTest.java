package io.jvicorn.server.websocket;

import static io.jvicorn.server.websocket.RawWebSocket.frame;
import static io.jvicorn.server.websocket.RawWebSocket.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketPing;
import io.jvicorn.asgi.WebSocketPong;
import io.jvicorn.asgi.WebSocketPongReceive;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketSend;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** jvicorn's websocket.ping, websocket.pong and websocket.pong.receive events, on the wire. */
class PingPongEventsTest {

    /** Answers each event with a text describing it; "ping" and "beat" send a ping and a pong. */
    private static final Application APP = (scope, receive, send) -> {
        receive.receive();
        send.send(new WebSocketAccept());
        while (true) {
            ReceiveEvent e = receive.receive();
            if (e instanceof WebSocketReceive m && "ping".equals(m.text())) {
                send.send(new WebSocketPing(bytes("p1")));
            } else if (e instanceof WebSocketReceive m && "beat".equals(m.text())) {
                send.send(new WebSocketPong(bytes("hb")));
            } else if (e instanceof WebSocketReceive m) {
                send.send(WebSocketSend.text("text " + m.text()));
            } else if (e instanceof WebSocketPongReceive p) {
                send.send(WebSocketSend.text("pong " + new String(p.payload(), StandardCharsets.US_ASCII)));
            } else {
                return;
            }
        }
    };

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void anApplicationThatPingsReceivesPongsAndOneThatDoesNotNever() throws Exception {
        try (WsTestServer s = WsTestServer.start(APP); RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            c.send(frame(true, false, 0xA, bytes("early"))); // before any ping of the application's: not delivered
            c.send(text("hi"));
            assertEquals("text hi", c.frame().text());

            c.send(text("ping"));
            RawWebSocket.Frame ping = c.frame();
            assertEquals(0x9, ping.opcode());
            assertEquals("p1", ping.text());
            c.send(frame(true, false, 0xA, bytes("p1")));
            assertEquals("pong p1", c.frame().text());

            c.send(text("beat"));
            RawWebSocket.Frame pong = c.frame();
            assertEquals(0xA, pong.opcode());
            assertEquals("hb", pong.text());
        }
    }
}
