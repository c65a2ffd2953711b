package io.jvicorn.server.websocket;

import static io.jvicorn.server.websocket.RawWebSocket.frame;
import static io.jvicorn.server.websocket.RawWebSocket.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.ClientDisconnectedException;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketSend;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.websocket.server.WebSocketServerSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Frames built by hand on a plain socket: control frames, protocol errors, compression, timers. */
class RawFrameTest {

    private static final String DEFLATE = "Sec-WebSocket-Extensions: permessage-deflate\r\n";

    @Test
    void handshakeResponseIsExact() throws Exception {
        try (WsTestServer s = WsTestServer.start(new EchoRecorder(), b -> b.dateHeader(false));
             RawWebSocket c = s.raw()) {
            RawWebSocket.Response r = c.open("/", "");
            assertEquals(101, r.status());
            assertEquals("websocket", r.header("upgrade"));
            assertEquals("Upgrade", r.header("connection"));
            assertEquals(RawWebSocket.ACCEPT, r.header("sec-websocket-accept"));
            assertEquals("jvicorn", r.header("server"));
            assertEquals(null, r.header("sec-websocket-extensions"), "no compression unless offered");
        }
    }

    @Test
    void pingIsAnsweredWithPongCarryingItsPayload() throws Exception {
        try (WsTestServer s = WsTestServer.start(new EchoRecorder()); RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            c.send(frame(true, false, 0x9, "abc".getBytes(StandardCharsets.US_ASCII)));
            RawWebSocket.Frame pong = c.frame();
            assertEquals(0xA, pong.opcode());
            assertEquals("abc", pong.text());
        }
    }

    @Test
    void framesSentWithTheHandshakeAreNotLost() throws Exception {
        try (WsTestServer s = WsTestServer.start(new EchoRecorder()); RawWebSocket c = s.raw()) {
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(RawWebSocket.handshake("/", "").getBytes(StandardCharsets.ISO_8859_1));
            both.writeBytes(text("early"));
            c.send(both.toByteArray());
            assertEquals(101, c.head().status());
            assertEquals("early", c.frame().text());
        }
    }

    @Test
    void unknownOpcodeClosesWith1002() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app); RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            c.send(frame(true, false, 0x3, new byte[0]));
            RawWebSocket.Frame close = c.frame();
            assertEquals(0x8, close.opcode());
            assertEquals(1002, close.closeCode());
            assertEquals(1002, app.disconnect().code());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void invalidUtf8ClosesWith1007() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app); RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            c.send(frame(true, false, 0x1, new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28}));
            RawWebSocket.Frame close = c.frame();
            assertEquals(1007, close.closeCode());
            assertEquals(1007, app.disconnect().code());
        }
    }

    @Test
    void messagesBeforeTheCloseAreDeliveredThenTheCloseIsEchoed() throws Exception {
        EchoRecorder app = new EchoRecorder(false);
        try (WsTestServer s = WsTestServer.start(app); RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            c.send(text("one")).send(text("two")).send(text("three")).send(new byte[] {(byte) 0x88, (byte) 0x80, 1, 2, 3, 4});
            RawWebSocket.Frame f = c.frame();
            assertEquals(0x8, f.opcode());
            assertEquals(1005, f.closeCode(), "an empty close is echoed empty");
            assertTrue(c.closedByServer());
            assertEquals(new WebSocketReceive(null, "one"), app.next());
            assertEquals(new WebSocketReceive(null, "two"), app.next());
            assertEquals(new WebSocketReceive(null, "three"), app.next());
            assertEquals(new WebSocketDisconnect(1005, ""), app.next());
        }
    }

    @Test
    void permessageDeflateIsNegotiatedAndUsedBothWays() throws Exception {
        try (WsTestServer s = WsTestServer.start(new EchoRecorder()); RawWebSocket c = s.raw()) {
            RawWebSocket.Response r = c.open("/", DEFLATE);
            assertEquals(101, r.status());
            assertEquals("permessage-deflate", r.header("sec-websocket-extensions"));
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            Inflater inflater = new Inflater(true);
            String message = "compress me ".repeat(50);
            for (int round = 0; round < 3; round++) { // context takeover: later messages reuse the window
                c.send(frame(true, true, 0x1, Deflate.compress(deflater, message.getBytes(StandardCharsets.UTF_8))));
                RawWebSocket.Frame echo = c.frame();
                assertTrue(echo.rsv1(), "the echo is compressed");
                assertTrue(echo.payload().length < message.length() / 4, "and smaller");
                assertEquals(message, new String(Deflate.inflate(inflater, echo.payload()), StandardCharsets.UTF_8));
            }
            deflater.end();
            inflater.end();
        }
    }

    @Test
    void compressionCanBeTurnedOff() throws Exception {
        try (WsTestServer s = WsTestServer.start(new EchoRecorder(), b -> b.webSocket(
                new ServerConfig.WebSocketSettings(true, 1 << 20, 32, null, null, false)));
             RawWebSocket c = s.raw()) {
            RawWebSocket.Response r = c.open("/", DEFLATE);
            assertEquals(101, r.status());
            assertEquals(null, r.header("sec-websocket-extensions"));
            c.send(text("plain"));
            RawWebSocket.Frame echo = c.frame();
            assertFalse(echo.rsv1());
            assertEquals("plain", echo.text());
        }
    }

    @Test
    void missingKeyIs400AndBadVersionIs426() throws Exception {
        try (WsTestServer s = WsTestServer.start(new EchoRecorder())) {
            try (RawWebSocket c = s.raw()) {
                c.send(("GET / HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                RawWebSocket.Response r = c.head();
                assertEquals(400, r.status());
                assertEquals("Missing Sec-WebSocket-Key header", new String(c.readToEnd(), StandardCharsets.UTF_8));
            }
            try (RawWebSocket c = s.raw()) {
                c.send(("GET / HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + RawWebSocket.KEY + "\r\nSec-WebSocket-Version: 12\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                RawWebSocket.Response r = c.head();
                assertEquals(426, r.status());
                assertEquals("13", r.header("sec-websocket-version"));
            }
        }
    }

    @Test
    void sendBeforeAcceptIs500() throws Exception {
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            receive.receive();
            send.send(WebSocketSend.text("too early"));
        }); RawWebSocket c = s.raw()) {
            RawWebSocket.Response r = c.open("/", "");
            assertEquals(500, r.status());
            assertEquals("21", r.header("content-length"));
        }
    }

    @Test
    void returningWithoutHandshakeIs500() throws Exception {
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> receive.receive());
             RawWebSocket c = s.raw()) {
            assertEquals(500, c.open("/", "").status());
            assertEquals("Internal Server Error", new String(c.readToEnd(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void denialResponseIsSentAsHttp() throws Exception {
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            receive.receive();
            send.send(new io.jvicorn.asgi.WebSocketHttpResponseStart(400,
                    List.of(io.jvicorn.asgi.Header.of("content-type", "text/plain"))));
            send.send(new io.jvicorn.asgi.WebSocketHttpResponseBody("good".getBytes(StandardCharsets.UTF_8), true));
            send.send(new io.jvicorn.asgi.WebSocketHttpResponseBody("bye".getBytes(StandardCharsets.UTF_8), false));
        }); RawWebSocket c = s.raw()) {
            RawWebSocket.Response r = c.open("/", "");
            assertEquals(400, r.status());
            assertEquals("chunked", r.header("transfer-encoding"));
            assertEquals("close", r.header("connection"));
            assertEquals("4\r\ngood\r\n3\r\nbye\r\n0\r\n\r\n", new String(c.readToEnd(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void denialWithInvalidStatusIs500() throws Exception {
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            receive.receive();
            send.send(new io.jvicorn.asgi.WebSocketHttpResponseStart(101, List.of()));
        }); RawWebSocket c = s.raw()) {
            assertEquals(500, c.open("/", "").status());
        }
    }

    @Test
    void duplicateAcceptDropsTheConnection() throws Exception {
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketAccept());
            send.send(new WebSocketAccept());
        }); RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            assertTrue(c.closedByServer(), "a failing app after accept ends the TCP connection (client sees 1006)");
        }
    }

    @Test
    void sendAfterTheClientClosedRaisesClientDisconnected() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketAccept());
            receive.receive(); // the disconnect
            try {
                send.send(WebSocketSend.text("late"));
                failure.complete(null);
            } catch (Exception e) {
                failure.complete(e);
            }
        }); RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            c.send(RawWebSocket.close(1000, ""));
            assertEquals(1000, c.frame().closeCode());
            assertInstanceOf(ClientDisconnectedException.class, failure.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void sendAfterOwnCloseIsAnOrderError() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketAccept());
            send.send(new WebSocketClose());
            try {
                send.send(WebSocketSend.text("late"));
                failure.complete(null);
            } catch (Exception e) {
                failure.complete(e);
            }
        }); RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            assertEquals(1000, c.frame().closeCode());
            c.send(RawWebSocket.close(1000, ""));
            IllegalStateException e = assertInstanceOf(IllegalStateException.class, failure.get(5, TimeUnit.SECONDS));
            assertEquals("Unexpected ASGI message 'websocket.send', after sending 'websocket.close' or response "
                    + "already completed.", e.getMessage());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void droppedTcpConnectionIsA1006Disconnect() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app)) {
            try (RawWebSocket c = s.raw()) {
                assertEquals(101, c.open("/", "").status());
                c.send(text("x"));
                assertEquals("x", c.frame().text());
            }
            assertEquals(new WebSocketDisconnect(1006, ""), app.disconnect());
        }
    }

    @Test
    void readsPauseWhileTheAppIsBehindAndNoMessageIsLost() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<List<String>> got = new CompletableFuture<>();
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketAccept());
            go.await(10, TimeUnit.SECONDS);
            List<String> texts = new ArrayList<>();
            while (receive.receive() instanceof WebSocketReceive m) {
                texts.add(m.text());
            }
            got.complete(texts);
        }, b -> b.webSocket(new ServerConfig.WebSocketSettings(true, 1 << 20, 2, null, null, true)));
             RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sent.add("m" + i);
                burst.writeBytes(text("m" + i));
            }
            burst.writeBytes(RawWebSocket.close(1000, ""));
            c.send(burst.toByteArray());
            go.countDown();
            assertEquals(sent, got.get(10, TimeUnit.SECONDS));
            assertEquals(1000, c.frame().closeCode());
        }
    }

    @Test
    void unansweredKeepalivePingClosesWith1011() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app, b -> b.webSocket(new ServerConfig.WebSocketSettings(
                true, 1 << 20, 32, Duration.ofMillis(100), Duration.ofMillis(200), true)));
             RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            RawWebSocket.Frame ping = c.frame();
            assertEquals(0x9, ping.opcode());
            RawWebSocket.Frame close = c.frame();
            assertEquals(1011, close.closeCode());
            assertEquals("keepalive ping timeout", close.closeReason());
            assertEquals(new WebSocketDisconnect(1011, "keepalive ping timeout"), app.disconnect());
        }
    }

    @Test
    void answeredKeepalivePingsKeepTheSocketOpen() throws Exception {
        try (WsTestServer s = WsTestServer.start(new EchoRecorder(), b -> b.webSocket(new ServerConfig.WebSocketSettings(
                true, 1 << 20, 32, Duration.ofMillis(100), Duration.ofMillis(300), true)));
             RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            for (int i = 0; i < 4; i++) {
                RawWebSocket.Frame ping = c.frame();
                assertEquals(0x9, ping.opcode());
                c.send(frame(true, false, 0xA, ping.payload()));
            }
            c.send(text("still here"));
            RawWebSocket.Frame f;
            do {
                f = c.frame();
                if (f.opcode() == 0x9) {
                    c.send(frame(true, false, 0xA, f.payload()));
                }
            } while (f.opcode() == 0x9);
            assertEquals("still here", f.text());
        }
    }

    @Test
    void peerThatNeverAnswersTheCloseIsDropped() throws Exception {
        WebSocketServerSettings settings = new WebSocketServerSettings(1 << 20, 32, null, null, true,
                Duration.ofMillis(300));
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketAccept());
            send.send(new WebSocketClose(1000, "done"));
        }, b -> b, settings); RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            assertEquals("done", c.frame().closeReason());
            long start = System.nanoTime();
            assertTrue(c.closedByServer());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "dropped after the close timeout");
        }
    }

    @Test
    void appReturningLeavesNoSocketOpen() throws Exception {
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketAccept());
        }); RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            RawWebSocket.Frame close = c.frame();
            assertEquals(1000, close.closeCode());
            c.send(RawWebSocket.close(1000, ""));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void fragmentedMessageIsReassembled() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app); RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            c.send(frame(false, false, 0x2, new byte[] {1, 2}));
            c.send(frame(true, false, 0x9, new byte[0])); // a ping between fragments
            c.send(frame(true, false, 0x0, new byte[] {3}));
            assertEquals(0xA, c.frame().opcode());
            RawWebSocket.Frame echo = c.frame();
            assertEquals(0x2, echo.opcode());
            assertArrayEquals(new byte[] {1, 2, 3}, echo.payload());
        }
    }

    @Test
    void clientThatHalfClosesAfterItsCloseStillGetsTheAnswer() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app); RawWebSocket c = s.raw()) {
            assertEquals(101, c.open("/", "").status());
            c.send(RawWebSocket.close(1001, "leaving"));
            c.shutdownOutput();
            RawWebSocket.Frame close = c.frame();
            assertEquals(1001, close.closeCode());
            assertEquals("leaving", close.closeReason());
            assertTrue(c.closedByServer());
            assertEquals(new WebSocketDisconnect(1001, "leaving"), app.disconnect());
        }
    }

    @Test
    void closedSocketsLeaveTheConcurrencyLimit() throws Exception {
        try (WsTestServer s = WsTestServer.start(new EchoRecorder(), b -> b.limitConcurrency(2))) {
            for (int i = 0; i < 5; i++) {
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                    try (RawWebSocket c = s.raw()) {
                        if (c.open("/", "").status() != 101) {
                            return false; // 503 while the previous socket is still counted
                        }
                        c.send(RawWebSocket.close(1000, ""));
                        return c.frame().closeCode() == 1000 && c.closedByServer();
                    }
                });
            }
        }
    }

    @Test
    void shutdownDuringTheHandshakeIs500AndTheLateAcceptFails() throws Exception {
        CountDownLatch inApp = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Throwable> acceptFailure = new CompletableFuture<>();
        WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            receive.receive();
            inApp.countDown();
            release.await(10, TimeUnit.SECONDS);
            try {
                send.send(new WebSocketAccept());
                acceptFailure.complete(null);
            } catch (Exception e) {
                acceptFailure.complete(e);
            }
        });
        try (RawWebSocket c = s.raw()) {
            c.send(RawWebSocket.handshake("/", "").getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(inApp.await(5, TimeUnit.SECONDS));
            CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
            assertEquals(500, c.head().status());
            release.countDown();
            assertInstanceOf(ClientDisconnectedException.class, acceptFailure.get(5, TimeUnit.SECONDS));
            closing.get(10, TimeUnit.SECONDS);
        } finally {
            s.close();
        }
    }
}
