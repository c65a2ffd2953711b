package io.jvicorn.jakarta.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.testing.JdkWebSocketListener;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDK's WebSocket client, plain HTTP through the fallback, and the raw handshake response (headers a configurator
 * adds, the chosen subprotocol, refusal statuses).
 */
class JdkClientTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        JakartaServerContainer container = new JakartaServerContainer();
        container.addEndpoint(TestEndpoints.Rooms.class);
        container.addEndpoint(CommandEndpoint.config("/command"));
        server = TestServer.start(container.application((scope, receive, send) -> {
            byte[] body = ("fallback " + scope.type()).getBytes(StandardCharsets.UTF_8);
            if (scope instanceof io.jvicorn.asgi.HttpScope) {
                send.send(new HttpResponseStart(200, List.of(Header.of("content-type", "text/plain"))));
                send.send(new HttpResponseBody(body, false));
            } else {
                receive.receive();
                send.send(new io.jvicorn.asgi.WebSocketAccept());
                send.send(io.jvicorn.asgi.WebSocketSend.text("fallback socket"));
                send.send(new io.jvicorn.asgi.WebSocketClose(4000, "done"));
            }
        }));
    }

    @AfterAll
    static void stop() {
        server.close();
        CLIENT.close();
    }

    @Test
    void textBinaryAndCloseFromTheJdkClient() throws Exception {
        JdkWebSocketListener l = new JdkWebSocketListener();
        WebSocket ws = CLIENT.newWebSocketBuilder().buildAsync(server.ws("/rooms/hall/3"), l).get(10, TimeUnit.SECONDS);
        ws.sendText("hel", false).get(5, TimeUnit.SECONDS);
        ws.sendText("lo", true).get(5, TimeUnit.SECONDS);
        assertEquals("hall#3:hello", l.nextText());
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(5, TimeUnit.SECONDS);
        byte[] binary = l.nextBinary();
        assertEquals(4, binary.length);
        assertEquals(127, binary[0]);
        ws.sendClose(4100, "client done").get(5, TimeUnit.SECONDS);
        assertEquals("4100 client done", l.closeStatus());
        org.awaitility.Awaitility.await().until(() -> Events.all().contains("rooms close hall 4100 client done"));
    }

    @Test
    void otherScopesGoToTheFallback() throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/rooms/hall/3")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("fallback http", r.body());
        JdkWebSocketListener l = new JdkWebSocketListener();
        CLIENT.newWebSocketBuilder().buildAsync(server.ws("/elsewhere"), l).get(10, TimeUnit.SECONDS);
        assertEquals("fallback socket", l.nextText());
        assertEquals("4000 done", l.closeStatus());
    }

    @Test
    void refusalsCarryTheirStatus() throws Exception {
        JakartaServerContainer alone = new JakartaServerContainer();
        alone.addEndpoint(CommandEndpoint.config("/command"));
        try (TestServer s = TestServer.start(alone.application())) {
            assertEquals(404, refusal(s.ws("/missing"), null));
            assertEquals(403, refusal(s.ws("/command"), "http://evil.example"));
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                    + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
        }
    }

    private static int refusal(URI uri, String origin) throws Exception {
        WebSocket.Builder b = CLIENT.newWebSocketBuilder();
        if (origin != null) {
            b.header("Origin", origin);
        }
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> b.buildAsync(uri, new JdkWebSocketListener()).get(10, TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode();
    }

    /** What the configurator adds shows in the 101 response, with the subprotocol the client preferred. */
    @Test
    void handshakeResponseCarriesConfiguratorHeadersAndSubprotocol() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /command HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: v9, v2, v1\r\nX-Token: raw\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(socket.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            assertTrue(head.contains("\r\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n")
                    || head.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), head);
            assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("\r\nsec-websocket-protocol: v2\r\n"), head);
            assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("\r\nx-reply: seen\r\n"), head);
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
