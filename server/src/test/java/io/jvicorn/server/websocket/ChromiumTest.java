package io.jvicorn.server.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.testing.HeadlessChromium;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Chromium loads a page served by the application, opens a WebSocket back to the same server, exchanges a
 * text and a binary message and posts what it saw (including {@code ws.extensions}) to {@code /result}.
 */
class ChromiumTest {
    private static final String PAGE = """
            <!doctype html>
            <html><body><script>
            function report(result) {
              fetch("/result", {method: "POST", body: JSON.stringify(result)});
            }
            const ws = new WebSocket("ws://" + location.host + "/ws");
            ws.binaryType = "arraybuffer";
            const got = [];
            ws.onopen = () => {
              ws.send("hello from chromium");
              ws.send(new Uint8Array([1, 2, 3, 250]).buffer);
            };
            ws.onmessage = (e) => {
              got.push(typeof e.data === "string" ? "text:" + e.data
                  : "binary:" + Array.from(new Uint8Array(e.data)).join(","));
              if (got.length === 2) {
                report({messages: got, extensions: ws.extensions});
                ws.close(1000, "done");
              }
            };
            ws.onerror = () => report({error: "websocket error"});
            </script></body></html>
            """;

    @Test
    @Timeout(90)
    void browserExchangesTextAndBinaryWithCompression(@TempDir Path profile) throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.available(), "no " + HeadlessChromium.EXECUTABLE + " (apt-get install chromium)");
        CompletableFuture<String> result = new CompletableFuture<>();
        EchoRecorder echo = new EchoRecorder();
        Application app = (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                echo.call(scope, receive, send);
                return;
            }
            if (http.path().equals("/result")) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                HttpRequest part;
                do {
                    part = (HttpRequest) receive.receive();
                    body.writeBytes(part.body());
                } while (part.moreBody());
                result.complete(body.toString(StandardCharsets.UTF_8));
                send.send(new HttpResponseStart(204, List.of()));
                send.send(new HttpResponseBody(new byte[0], false));
                return;
            }
            byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
            send.send(new HttpResponseStart(http.path().equals("/") ? 200 : 404,
                    List.of(Header.of("content-type", "text/html; charset=utf-8"))));
            send.send(new HttpResponseBody(http.path().equals("/") ? page : new byte[0], false));
        };
        try (WsTestServer s = WsTestServer.start(app)) {
            try (HeadlessChromium browser = HeadlessChromium.open(profile, "http://127.0.0.1:" + s.port() + "/")) {
                String json = result.get(60, TimeUnit.SECONDS);
                assertTrue(json.contains("\"text:hello from chromium\""), json);
                assertTrue(json.contains("\"binary:1,2,3,250\""), json);
                assertTrue(json.contains("\"extensions\":\"permessage-deflate"), json);
                assertEquals(new WebSocketDisconnect(1000, "done"), echo.disconnect());
            }
        }
    }
}
