package io.jvicorn.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketConnect;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketHttpResponseBody;
import io.jvicorn.asgi.WebSocketHttpResponseStart;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import io.jvicorn.asgi.rules.ScopeParts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TestClientWebSocketTest {

    /** Accepts (with the first offered subprotocol), echoes every message, closes with 4000 on "bye". */
    private static final class Echo implements Application {
        final AtomicReference<WebSocketScope> scope = new AtomicReference<>();
        final AtomicReference<WebSocketDisconnect> disconnect = new AtomicReference<>();

        @Override
        public void call(io.jvicorn.asgi.Scope s, io.jvicorn.asgi.Receive receive, io.jvicorn.asgi.Send send)
                throws Exception {
            WebSocketScope ws = (WebSocketScope) s;
            scope.set(ws);
            assertInstanceOf(WebSocketConnect.class, receive.receive());
            send.send(new WebSocketAccept(ws.subprotocols().isEmpty() ? null : ws.subprotocols().get(0),
                    List.of(Header.of("x-room", "1"))));
            while (true) {
                ReceiveEvent e = receive.receive();
                if (e instanceof WebSocketDisconnect d) {
                    disconnect.set(d);
                    return;
                }
                WebSocketReceive m = (WebSocketReceive) e;
                if ("bye".equals(m.text())) {
                    send.send(new WebSocketClose(4000, "done"));
                    return;
                }
                send.send(new WebSocketSend(m.bytes(), m.text()));
            }
        }
    }

    @Test
    void textAndBytesGoBothWaysAndTheScopeIsTheServers() throws Exception {
        Echo app = new Echo();
        try (TestClient client = TestClient.of(app);
             TestWebSocket ws = client.websocket("/chat?room=1", "chat.v2", "chat.v1")) {
            assertEquals("chat.v2", ws.subprotocol());
            assertEquals(List.of(Header.of("x-room", "1")), ws.acceptHeaders());
            ws.sendText("hello");
            assertEquals("hello", ws.receiveText());
            ws.sendBytes(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, ws.receiveBytes());
        }
        WebSocketScope s = app.scope.get();
        assertEquals("ws", s.scheme());
        assertEquals("/chat", s.path());
        assertEquals("room=1", s.query());
        assertEquals(List.of("chat.v2", "chat.v1"), s.subprotocols());
        assertEquals("websocket", s.header("upgrade"));
        assertEquals("chat.v2, chat.v1", s.header("sec-websocket-protocol"));
        assertEquals(ScopeParts.WEBSOCKET_EXTENSIONS, s.extensions());
        assertEquals(new WebSocketDisconnect(1000, ""), app.disconnect.get()); // the try-with-resources close
    }

    @Test
    void theApplicationsCloseCodeReachesTheClient() throws Exception {
        try (TestClient client = TestClient.of(new Echo());
             TestWebSocket ws = client.websocket("/chat")) {
            ws.sendText("bye");
            WebSocketClosedException closed = ws.receiveClose();
            assertEquals(4000, closed.code());
            assertEquals("done", closed.reason());
            assertThrows(WebSocketClosedException.class, ws::receiveText);
        }
    }

    @Test
    void theClientsCloseCodeReachesTheApplication() throws Exception {
        Echo app = new Echo();
        try (TestClient client = TestClient.of(app)) {
            TestWebSocket ws = client.websocket("/chat");
            ws.close(4321, "leaving");
        }
        assertEquals(new WebSocketDisconnect(4321, "leaving"), app.disconnect.get());
    }

    @Test
    void anApplicationThatReturnsLeavesANormalClose() throws Exception {
        Application app = (scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketAccept());
            send.send(WebSocketSend.text("only"));
        };
        try (TestClient client = TestClient.of(app);
             TestWebSocket ws = client.websocket("/")) {
            assertEquals("only", ws.receiveText());
            assertEquals(1000, ws.receiveClose().code());
        }
    }

    @Test
    void aCloseBeforeAcceptIsA403() throws Exception {
        Application app = (scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketClose());
        };
        try (TestClient client = TestClient.of(app)) {
            WebSocketDeniedException denied = assertThrows(WebSocketDeniedException.class,
                    () -> client.websocket("/"));
            assertEquals(403, denied.status());
        }
    }

    @Test
    void aDenialResponseReachesTheClient() throws Exception {
        Application app = (scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketHttpResponseStart(401, List.of(Header.of("www-authenticate", "Bearer"))));
            send.send(new WebSocketHttpResponseBody("no ".getBytes(StandardCharsets.UTF_8), true));
            send.send(new WebSocketHttpResponseBody("token".getBytes(StandardCharsets.UTF_8), false));
        };
        try (TestClient client = TestClient.of(app)) {
            WebSocketDeniedException denied = assertThrows(WebSocketDeniedException.class,
                    () -> client.websocket("/"));
            assertEquals(401, denied.status());
            assertEquals("Bearer", Header.first(denied.headers(), "www-authenticate"));
            assertEquals("no token", denied.text());
        }
    }

    @Test
    void aSendBeforeAcceptFailsWithTheServersMessage() throws Exception {
        Application app = (scope, receive, send) -> {
            receive.receive();
            send.send(WebSocketSend.text("too early"));
        };
        try (TestClient client = TestClient.of(app)) {
            ApplicationFailedException e = assertThrows(ApplicationFailedException.class,
                    () -> client.websocket("/"));
            assertEquals("Expected ASGI message 'websocket.accept', 'websocket.close', or "
                    + "'websocket.http.response.start' but got 'websocket.send'.", e.getCause().getMessage());
        }
        try (TestClient client = TestClient.builder(app).raiseServerExceptions(false).build()) {
            WebSocketDeniedException denied = assertThrows(WebSocketDeniedException.class,
                    () -> client.websocket("/"));
            assertEquals(500, denied.status());
        }
    }

    @Test
    void aSubprotocolTheClientDidNotOfferIsRefused() throws Exception {
        Application app = (scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketAccept("other", List.of()));
        };
        try (TestClient client = TestClient.of(app)) {
            ApplicationFailedException e = assertThrows(ApplicationFailedException.class,
                    () -> client.websocket("/", "chat"));
            assertEquals("subprotocol 'other' was not offered by the client [chat]", e.getCause().getMessage());
        }
    }

    @Test
    void aSendAfterCloseFails() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Application app = (scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketAccept());
            send.send(new WebSocketClose(1000, ""));
            try {
                send.send(WebSocketSend.text("late"));
            } catch (IllegalStateException e) {
                failure.set(e);
            }
        };
        try (TestClient client = TestClient.of(app);
             TestWebSocket ws = client.websocket("/")) {
            assertEquals(1000, ws.receiveClose().code());
        }
        assertEquals("Unexpected ASGI message 'websocket.send', after sending 'websocket.close' or response already "
                + "completed.", failure.get().getMessage());
    }
}
