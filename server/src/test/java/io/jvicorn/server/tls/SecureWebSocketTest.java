package io.jvicorn.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketConnect;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import io.jvicorn.server.TlsConfig;
import io.jvicorn.testing.JdkWebSocketListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** WebSocket over TLS: the upgrade hands the connection over with ciphertext possibly still unread. */
class SecureWebSocketTest {
    private static final KeyMaterial keys = KeyMaterial.shared();

    /** Accepts, then echoes every message; records the scope's scheme. */
    private static Application echo(CompletableFuture<String> scheme) {
        return (scope, receive, send) -> {
            scheme.complete(((WebSocketScope) scope).scheme());
            if (!(receive.receive() instanceof WebSocketConnect)) {
                throw new AssertionError("expected websocket.connect");
            }
            send.send(new WebSocketAccept());
            while (receive.receive() instanceof WebSocketReceive message) {
                send.send(new WebSocketSend(message.bytes(), message.text()));
            }
        };
    }

    @Test
    void largeMessagesEchoOverWss() throws Exception {
        CompletableFuture<String> scheme = new CompletableFuture<>();
        try (TlsTestServer s = TlsTestServer.start(echo(scheme),
                b -> b.tls(TlsConfig.pem(keys.serverCert(), keys.serverKey())));
             HttpClient client = HttpClient.newBuilder().sslContext(keys.clientContext(false)).build()) {
            JdkWebSocketListener collector = new JdkWebSocketListener();
            WebSocket ws = client.newWebSocketBuilder()
                    .buildAsync(URI.create("wss://127.0.0.1:" + s.port() + "/ws"), collector).get(10, TimeUnit.SECONDS);
            Random random = new Random(11);
            for (int size : new int[] {10, 70_000, 300_000}) {
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                ws.sendBinary(ByteBuffer.wrap(payload), true).get(10, TimeUnit.SECONDS);
                assertArrayEquals(payload, collector.nextBinary(), "message of " + size);
            }
            assertEquals("wss", scheme.get(5, TimeUnit.SECONDS));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        }
    }
}
