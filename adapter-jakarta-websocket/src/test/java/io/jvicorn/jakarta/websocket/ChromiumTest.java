package io.jvicorn.jakarta.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.testing.HeadlessChromium;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Chromium against annotated endpoints on jvicorn through the adapter: the page, served by the fallback
 * application, talks to {@link TestEndpoints.Rooms} (a text and a binary message echoed with the path parameters, then
 * the browser closes with 1000 "done") and to {@link TestEndpoints.Closer} (which closes with 4001 and a reason that
 * the browser's {@code onclose} must see), and posts what it saw to {@code /result}. Skipped when Chromium is missing,
 * except under CI, which installs it (.ci/run).
 */
class ChromiumTest {
    private static final String PAGE = """
            <!doctype html>
            <html><body><script>
            const base = "ws://" + location.host;
            const seen = {messages: []};
            function report() {
              fetch("/result", {method: "POST", body: JSON.stringify(seen)});
            }
            const rooms = new WebSocket(base + "/rooms/chromium/7");
            rooms.binaryType = "arraybuffer";
            rooms.onopen = () => {
              rooms.send("hello");
              rooms.send(new Uint8Array([1, 2, 3, 250]).buffer);
            };
            rooms.onmessage = (e) => {
              seen.messages.push(typeof e.data === "string" ? "text:" + e.data
                  : "binary:" + Array.from(new Uint8Array(e.data)).join(","));
              if (seen.messages.length === 2) {
                rooms.close(1000, "done");
              }
            };
            rooms.onerror = () => { seen.error = "rooms error"; report(); };
            rooms.onclose = (e) => {
              seen.roomsClose = e.code + " clean=" + e.wasClean;
              const closer = new WebSocket(base + "/close");
              closer.onopen = () => closer.send("bye");
              closer.onclose = (e) => {
                seen.serverClose = e.code + " " + e.reason + " clean=" + e.wasClean;
                report();
              };
            };
            </script></body></html>
            """;

    @Test
    @Timeout(120)
    void browserExchangesMessagesAndSeesTheEndpointsCloseCode(@TempDir Path profile) throws Exception {
        boolean installed = HeadlessChromium.available();
        if (System.getenv("CI") != null && !installed) {
            fail("no " + HeadlessChromium.EXECUTABLE + "; .ci/run installs chromium");
        }
        Assumptions.assumeTrue(installed, "no " + HeadlessChromium.EXECUTABLE
                + " (apt-get install chromium), skipping the browser test");
        Events.clear();
        CompletableFuture<String> result = new CompletableFuture<>();
        JakartaServerContainer container = new JakartaServerContainer();
        container.addEndpoint(TestEndpoints.Rooms.class);
        container.addEndpoint(TestEndpoints.Closer.class);
        try (TestServer s = TestServer.start(container.application(page(result)))) {
            try (HeadlessChromium browser = HeadlessChromium.open(profile, "http://127.0.0.1:" + s.port() + "/")) {
                String json = result.get(90, TimeUnit.SECONDS);
                assertTrue(json.contains("\"messages\":[\"text:chromium#7:hello\",\"binary:127,1,2,3,250\"]"), json);
                assertTrue(json.contains("\"roomsClose\":\"1000 clean=true\""), json);
                assertTrue(json.contains("\"serverClose\":\"4001 server says bye clean=true\""), json);
                Awaitility.await().atMost(30, TimeUnit.SECONDS)
                        .until(() -> Events.all().contains("close close 4001 server says bye"));
                assertEquals(List.of("rooms text hello", "rooms binary 4", "rooms close chromium 1000 done"),
                        Events.all().stream().filter(e -> e.startsWith("rooms ") && !e.startsWith("rooms open"))
                                .toList());
                assertTrue(Events.all().getFirst().startsWith("rooms open chromium 7"), Events.all().toString());
            }
        }
    }

    /** The fallback application: the page at {@code /}, and {@code /result}, whose body completes {@code result}. */
    private static Application page(CompletableFuture<String> result) {
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                throw new IllegalArgumentException("no " + scope.type() + " here");
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
            boolean found = http.path().equals("/");
            send.send(new HttpResponseStart(found ? 200 : 404,
                    List.of(Header.of("content-type", "text/html; charset=utf-8"))));
            send.send(new HttpResponseBody(found ? PAGE.getBytes(StandardCharsets.UTF_8) : new byte[0], false));
        };
    }
}
