package io.jvicorn.server.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketConnect;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketHttpResponseBody;
import io.jvicorn.asgi.WebSocketHttpResponseStart;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.http2.frame.ErrorCode;
import io.jvicorn.http2.frame.SettingId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * WebSockets over HTTP/2 (RFC 8441) against the whole server over real sockets, with {@link H2WebSocketClient}: the
 * setting, the handshake's answers (200, 403, 400 naming version 13, a denial), messages both ways through flow
 * control, the close handshake ending the stream, and a reset as a disconnect.
 */
class Http2WebSocketTest {

    @Test
    void anEchoOverAStreamWithSubprotocolAndCloseHandshake() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app); H2WebSocketClient c = new H2WebSocketClient(s.port())) {
            assertEquals(1L, c.serverSettings.get(SettingId.ENABLE_CONNECT_PROTOCOL));
            c.connect(1, "/chat?room=1", "sec-websocket-version", "13", "sec-websocket-protocol", "a, chat");
            H2WebSocketClient.StreamView response = c.response(1);
            assertEquals(200, response.status(), response.response.toString());
            assertEquals("chat", response.response.get("sec-websocket-protocol"));
            assertNull(response.response.get("sec-websocket-accept"), "no key, no accept over HTTP/2");
            assertFalse(response.ended);

            WebSocketScope scope = app.scope.get(10, TimeUnit.SECONDS);
            assertEquals("2", scope.httpVersion());
            assertEquals("ws", scope.scheme());
            assertEquals("/chat", scope.path());
            assertEquals("room=1", new String(scope.queryString(), StandardCharsets.US_ASCII));
            assertEquals(List.of("a", "chat"), scope.subprotocols());

            c.send(1, RawWebSocket.text("hello"), false);
            RawWebSocket.Frame echo = c.frame(1);
            assertEquals(0x1, echo.opcode());
            assertEquals("hello", echo.text());

            c.send(1, RawWebSocket.close(1000, "bye"), false);
            RawWebSocket.Frame close = c.frame(1);
            assertEquals(0x8, close.opcode());
            assertEquals(1000, close.closeCode());
            assertTrue(c.ended(1).ended, "the close handshake ends the stream with END_STREAM");
            assertEquals(new WebSocketDisconnect(1000, "bye"), lastEvent(app));
            app.returned.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void messagesLargerThanTheWindowsPassBothWays() throws Exception {
        EchoRecorder app = new EchoRecorder();
        byte[] big = new byte[300_000]; // beyond the stream's 64 KiB windows both ways
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        try (WsTestServer s = WsTestServer.start(app, b -> b.webSocket(noDeflate()));
             H2WebSocketClient c = new H2WebSocketClient(s.port())) {
            c.connect(1, "/", "sec-websocket-version", "13");
            assertEquals(200, c.response(1).status());
            c.send(1, RawWebSocket.frame(true, false, 0x2, big), false);
            RawWebSocket.Frame echo = c.frame(1);
            assertEquals(0x2, echo.opcode());
            assertArrayEquals(big, echo.payload());
        }
    }

    @Test
    void perMessageDeflateIsNegotiatedAsOverHttp11() throws Exception {
        try (WsTestServer s = WsTestServer.start(new EchoRecorder());
             H2WebSocketClient c = new H2WebSocketClient(s.port())) {
            c.connect(1, "/", "sec-websocket-version", "13", "sec-websocket-extensions", "permessage-deflate");
            H2WebSocketClient.StreamView response = c.response(1);
            assertEquals(200, response.status());
            assertTrue(response.response.getOrDefault("sec-websocket-extensions", "").startsWith("permessage-deflate"),
                    response.response.toString());
        }
    }

    @Test
    void aCloseBeforeAcceptIs403AndEndsTheStream() throws Exception {
        Application app = (scope, receive, send) -> {
            assertInstanceOf(WebSocketConnect.class, receive.receive());
            send.send(new WebSocketClose(1000, ""));
        };
        try (WsTestServer s = WsTestServer.start(app); H2WebSocketClient c = new H2WebSocketClient(s.port())) {
            c.connect(1, "/", "sec-websocket-version", "13");
            H2WebSocketClient.StreamView response = c.ended(1);
            assertEquals(403, response.status());
            assertTrue(response.ended);
            assertEquals(-1, response.resetCode);
            c.connect(3, "/", "sec-websocket-version", "13");
            assertEquals(403, c.ended(3).status(), "the connection goes on");
        }
    }

    @Test
    void aVersionOtherThan13Is400NamingIt() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app); H2WebSocketClient c = new H2WebSocketClient(s.port())) {
            c.connect(1, "/", "sec-websocket-version", "8");
            H2WebSocketClient.StreamView response = c.ended(1);
            assertEquals(400, response.status());
            assertEquals("13", response.response.get("sec-websocket-version"));
            assertEquals("Unsupported Sec-WebSocket-Version header",
                    response.data.toString(StandardCharsets.UTF_8));
            assertFalse(app.scope.isDone(), "the application never runs");
        }
    }

    @Test
    void aDenialResponseGoesOutAsTheStreamsResponse() throws Exception {
        Application app = (scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketHttpResponseStart(401, List.of(new Header("x-why", "token"))));
            send.send(new WebSocketHttpResponseBody("no ".getBytes(StandardCharsets.UTF_8), true));
            send.send(new WebSocketHttpResponseBody("entry".getBytes(StandardCharsets.UTF_8), false));
        };
        try (WsTestServer s = WsTestServer.start(app); H2WebSocketClient c = new H2WebSocketClient(s.port())) {
            c.connect(1, "/", "sec-websocket-version", "13");
            H2WebSocketClient.StreamView response = c.ended(1);
            assertEquals(401, response.status());
            assertEquals("token", response.response.get("x-why"));
            assertEquals("no entry", response.data.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aResetStreamIsADisconnect1006() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app); H2WebSocketClient c = new H2WebSocketClient(s.port())) {
            c.connect(1, "/", "sec-websocket-version", "13");
            assertEquals(200, c.response(1).status());
            c.send(1, RawWebSocket.text("one"), false);
            assertEquals("one", c.frame(1).text());
            c.reset(1);
            app.returned.get(10, TimeUnit.SECONDS);
            assertEquals(new WebSocketDisconnect(1006, ""), lastEvent(app));
            c.connect(3, "/", "sec-websocket-version", "13");
            assertEquals(200, c.response(3).status(), "the connection goes on");
        }
    }

    @Test
    void theClientsEndStreamIsADisconnect1006() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app); H2WebSocketClient c = new H2WebSocketClient(s.port())) {
            c.connect(1, "/", "sec-websocket-version", "13");
            assertEquals(200, c.response(1).status());
            c.send(1, new byte[0], true);
            app.returned.get(10, TimeUnit.SECONDS);
            assertEquals(new WebSocketDisconnect(1006, ""), lastEvent(app));
            assertTrue(c.ended(1).ended || c.stream(1).resetCode == ErrorCode.NO_ERROR.code());
        }
    }

    @Test
    void aConnectThatEndsItsSideAtOnceIsAcceptedThenDisconnected1006() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app); H2WebSocketClient c = new H2WebSocketClient(s.port())) {
            c.connect(1, true, "/", "sec-websocket-version", "13");
            assertEquals(200, c.response(1).status());
            app.returned.get(10, TimeUnit.SECONDS);
            assertEquals(new WebSocketDisconnect(1006, ""), lastEvent(app));
            assertTrue(c.ended(1).ended, "the stream ends");
        }
    }

    @Test
    void aGracefulShutdownClosesTheWebSocketWith1012() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app); H2WebSocketClient c = new H2WebSocketClient(s.port())) {
            c.connect(1, "/", "sec-websocket-version", "13");
            assertEquals(200, c.response(1).status());
            Thread closer = Thread.startVirtualThread(s::close);
            RawWebSocket.Frame close = c.frame(1);
            assertEquals(0x8, close.opcode());
            assertEquals(1012, close.closeCode());
            c.send(1, RawWebSocket.close(1012, ""), false);
            assertTrue(c.ended(1).ended);
            assertTrue(closer.join(java.time.Duration.ofSeconds(10)), "the server stopped");
            assertEquals(new WebSocketDisconnect(1012, ""), lastEvent(app));
        }
    }

    private static io.jvicorn.asgi.ReceiveEvent lastEvent(EchoRecorder app) throws InterruptedException {
        io.jvicorn.asgi.ReceiveEvent last = null;
        while (true) {
            io.jvicorn.asgi.ReceiveEvent e = app.events.poll(last == null ? 10 : 0, TimeUnit.SECONDS);
            if (e == null) {
                return last;
            }
            last = e;
            if (e instanceof WebSocketDisconnect) {
                return e;
            }
            assertInstanceOf(WebSocketReceive.class, e);
        }
    }

    private static io.jvicorn.server.ServerConfig.WebSocketSettings noDeflate() {
        io.jvicorn.server.ServerConfig.WebSocketSettings d = io.jvicorn.server.ServerConfig.WebSocketSettings.DEFAULTS;
        return new io.jvicorn.server.ServerConfig.WebSocketSettings(d.enabled(), d.maxSize(), d.maxQueue(),
                d.pingInterval(), d.pingTimeout(), false);
    }
}
