package io.jvicorn.server.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketConnect;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.testing.JdkWebSocketListener;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** jvicorn's WebSocket server against the JDK's {@link java.net.http.WebSocket} client. */
class JdkClientTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    private static WebSocket connect(WsTestServer s, String path, JdkWebSocketListener listener, String... subprotocols)
            throws Exception {
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(s.ws(path), listener).get(10, TimeUnit.SECONDS);
    }

    @Test
    void echoesTextAndBinaryMessages() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app)) {
            JdkWebSocketListener listener = new JdkWebSocketListener();
            WebSocket ws = connect(s, "/echo", listener);
            ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
            assertEquals("hello", listener.next());
            byte[] payload = new byte[70_000];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) i;
            }
            ws.sendBinary(ByteBuffer.wrap(payload), true).get(5, TimeUnit.SECONDS);
            assertArrayEquals(payload, (byte[]) listener.next());
            ws.sendText("h\u00e9llo \uD83D\uDE00", true).get(5, TimeUnit.SECONDS);
            assertEquals("h\u00e9llo \uD83D\uDE00", listener.next());
            assertEquals(new WebSocketReceive(null, "hello"), app.next());
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            assertEquals("1000 ", listener.closeStatus());
        }
    }

    @Test
    void scopeDescribesTheHandshake() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app)) {
            JdkWebSocketListener listener = new JdkWebSocketListener();
            WebSocket ws = connect(s, "/one%2Ftwo?x=1&y=%20", listener);
            WebSocketScope scope = app.scope.get(5, TimeUnit.SECONDS);
            assertEquals("websocket", scope.type());
            assertEquals("ws", scope.scheme());
            assertEquals("1.1", scope.httpVersion());
            assertEquals("3.0", scope.asgi().version());
            assertEquals("/one/two", scope.path());
            assertEquals("/one%2Ftwo", new String(scope.rawPath(), java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals("x=1&y=%20", scope.query());
            assertEquals(List.of(), scope.subprotocols());
            assertTrue(scope.extensions().containsKey("websocket.http.response"));
            assertEquals("127.0.0.1", scope.client().host());
            assertEquals(s.port(), scope.server().port());
            assertEquals("13", scope.header("sec-websocket-version"));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            listener.closeStatus();
        }
    }

    @Test
    void negotiatesTheSubprotocolTheAppChooses() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app)) {
            JdkWebSocketListener listener = new JdkWebSocketListener();
            WebSocket ws = connect(s, "/", listener, "proto1", "proto2");
            assertEquals(List.of("proto1", "proto2"), app.scope.get(5, TimeUnit.SECONDS).subprotocols());
            assertEquals("proto2", ws.getSubprotocol());
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            listener.closeStatus();
        }
    }

    @Test
    void appCloseCodeAndReasonReachTheClient() throws Exception {
        CompletableFuture<ReceiveEvent> afterClose = new CompletableFuture<>();
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketAccept());
            send.send(new WebSocketClose(4001, "custom reason"));
            afterClose.complete(receive.receive());
        })) {
            JdkWebSocketListener listener = new JdkWebSocketListener();
            connect(s, "/", listener);
            assertEquals("4001 custom reason", listener.closeStatus());
            assertEquals(new WebSocketDisconnect(4001, "custom reason"), afterClose.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void clientCloseCodeAndReasonReachTheApp() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app)) {
            JdkWebSocketListener listener = new JdkWebSocketListener();
            WebSocket ws = connect(s, "/", listener);
            ws.sendClose(1001, "custom reason").get(5, TimeUnit.SECONDS);
            assertEquals(new WebSocketDisconnect(1001, "custom reason"), app.disconnect());
            assertEquals("1001 custom reason", listener.closeStatus(), "the server echoes the close");
        }
    }

    @Test
    void closeBeforeAcceptIs403AndTheAppSeesA1006Disconnect() throws Exception {
        CompletableFuture<ReceiveEvent> after = new CompletableFuture<>();
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            receive.receive();
            send.send(new WebSocketClose());
            after.complete(receive.receive());
        })) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> connect(s, "/", new JdkWebSocketListener()));
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            assertEquals(403, handshake.getResponse().statusCode());
            assertEquals(new WebSocketDisconnect(1006, ""), after.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void tooLargeMessageClosesWith1009() throws Exception {
        EchoRecorder app = new EchoRecorder();
        try (WsTestServer s = WsTestServer.start(app, b -> b.webSocket(new ServerConfig.WebSocketSettings(
                true, 1024, 32, null, null, true)))) {
            JdkWebSocketListener listener = new JdkWebSocketListener();
            WebSocket ws = connect(s, "/", listener);
            ws.sendBinary(ByteBuffer.wrap(new byte[1024]), true).get(5, TimeUnit.SECONDS);
            assertEquals(1024, ((byte[]) listener.next()).length, "a message of exactly the limit passes");
            ws.sendBinary(ByteBuffer.wrap(new byte[1025]), true).get(5, TimeUnit.SECONDS);
            assertTrue(listener.closeStatus().startsWith("1009 "), listener.closeStatus());
            assertEquals(1009, app.disconnect().code());
        }
    }

    @Test
    void serverShutdownClosesWith1012AndTellsTheApp() throws Exception {
        EchoRecorder app = new EchoRecorder();
        WsTestServer s = WsTestServer.start(app);
        try {
            JdkWebSocketListener listener = new JdkWebSocketListener();
            WebSocket ws = connect(s, "/", listener);
            ws.sendText("before", true).get(5, TimeUnit.SECONDS);
            assertEquals("before", listener.next());
            CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
            assertEquals("1012 ", listener.closeStatus());
            assertEquals(new WebSocketDisconnect(1012, ""), app.disconnect());
            closing.get(10, TimeUnit.SECONDS);
            app.returned.get(5, TimeUnit.SECONDS);
        } finally {
            s.close();
        }
    }

    @Test
    void firstEventIsConnect() throws Exception {
        CompletableFuture<ReceiveEvent> first = new CompletableFuture<>();
        try (WsTestServer s = WsTestServer.start((scope, receive, send) -> {
            first.complete(receive.receive());
            send.send(new WebSocketAccept());
            send.send(new WebSocketClose());
        })) {
            JdkWebSocketListener listener = new JdkWebSocketListener();
            connect(s, "/", listener);
            assertEquals(WebSocketConnect.INSTANCE, first.get(5, TimeUnit.SECONDS));
            assertEquals("1000 ", listener.closeStatus());
        }
    }
}
