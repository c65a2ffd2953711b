package io.jvicorn.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import io.jvicorn.server.H2spec;
import io.jvicorn.server.TlsConfig;
import io.jvicorn.testing.HeadlessChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Chromium over TLS negotiates h2 by ALPN: it loads a page, fetches eight resources at once over the one
 * connection, uploads a body, echoes a WebSocket message (RFC 8441, a stream of the same connection), and posts what
 * it got; every request and the WebSocket the application saw were HTTP/2.
 */
class Http2ChromiumTest {
    private static final String PAGE = """
            <!doctype html>
            <html><body><script>
            const report = (result) => fetch("/result", {method: "POST", body: JSON.stringify(result)});
            const echo = () => new Promise((resolve, reject) => {
              const ws = new WebSocket("wss://" + location.host + "/ws");
              ws.onopen = () => ws.send("over h2?");
              ws.onmessage = (e) => { ws.close(1000, "done"); resolve(e.data); };
              ws.onerror = () => reject(new Error("websocket error"));
            });
            Promise.all([...Array(8).keys()].map(i => fetch("/item/" + i).then(r => r.text())))
              .then(items => fetch("/upload", {method: "POST", body: "x".repeat(100000)})
                .then(r => r.text())
                .then(upload => echo().then(ws => report({items: items, upload: upload, ws: ws}))))
              .catch(e => report({error: String(e)}));
            </script></body></html>
            """;

    @Test
    @Timeout(120)
    void chromiumSpeaksH2OverTls(@TempDir Path profile) throws Exception {
        H2spec.requireTool(HeadlessChromium.available(), "no " + HeadlessChromium.EXECUTABLE + " (apt-get install chromium)");
        KeyMaterial keys = KeyMaterial.shared();
        CompletableFuture<String> result = new CompletableFuture<>();
        Set<String> versions = ConcurrentHashMap.newKeySet();
        Application app = (scope, receive, send) -> {
            if (scope instanceof WebSocketScope ws) {
                versions.add("ws " + ws.httpVersion());
                receive.receive(); // websocket.connect
                send.send(new WebSocketAccept(null, List.of()));
                if (receive.receive() instanceof WebSocketReceive message) {
                    send.send(new WebSocketSend(null, message.text() + " " + ws.httpVersion()));
                }
                while (!(receive.receive() instanceof WebSocketDisconnect)) {
                    // until the browser closes
                }
                return;
            }
            HttpScope http = (HttpScope) scope;
            versions.add(http.httpVersion());
            byte[] body = ScopeApp.readBody(receive);
            String path = http.path();
            byte[] answer;
            String type = "text/plain";
            if (path.equals("/")) {
                answer = PAGE.getBytes(StandardCharsets.UTF_8);
                type = "text/html; charset=utf-8";
            } else if (path.equals("/result")) {
                result.complete(new String(body, StandardCharsets.UTF_8));
                answer = new byte[0];
            } else if (path.equals("/upload")) {
                answer = ("got " + body.length).getBytes(StandardCharsets.US_ASCII);
            } else {
                answer = path.getBytes(StandardCharsets.US_ASCII);
            }
            send.send(new HttpResponseStart(200, List.of(Header.of("content-type", type))));
            send.send(new HttpResponseBody(answer, false));
        };
        try (TlsTestServer s = TlsTestServer.start(app, b -> b.tls(TlsConfig.pem(keys.serverCert(),
                keys.serverKey())))) {
            try (HeadlessChromium browser = HeadlessChromium.open(profile, s.url("/"), "--ignore-certificate-errors")) {
                String json = result.get(90, TimeUnit.SECONDS);
                assertTrue(json.contains("\"items\":[\"/item/0\",\"/item/1\",\"/item/2\",\"/item/3\",\"/item/4\","
                        + "\"/item/5\",\"/item/6\",\"/item/7\"]"), json);
                assertTrue(json.contains("\"upload\":\"got 100000\""), json);
                assertTrue(json.contains("\"ws\":\"over h2? 2\""), json);
                assertEquals(Set.of("2", "ws 2"), versions, "every request and the WebSocket went over HTTP/2");
            }
        }
    }
}
