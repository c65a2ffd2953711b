package io.jvicorn.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** {@code --log-level trace} logs connections and every ASGI message, as Uvicorn does. */
class TraceLogTest {

    @Test
    void everyMessageIsLoggedAtTrace() throws Exception {
        Logger error = Logger.getLogger("jvicorn.error");
        Level before = error.getLevel();
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                Object[] params = record.getParameters();
                lines.add(params == null ? message : java.text.MessageFormat.format(message, params));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        error.setLevel(Level.ALL);
        error.addHandler(capture);
        try (TestServer s = TestServer.start(Apps.echo()); RawClient c = s.raw()) {
            c.send("POST /t HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
            c.response();
            c.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.endsWith("HTTP connection lost")));
        } finally {
            error.removeHandler(capture);
            error.setLevel(before);
        }
        String all = String.join("\n", lines);
        assertTrue(all.contains("HTTP connection made"), all);
        assertTrue(all.contains("ASGI [1] Started scope=http path=/t"), all);
        // The body's end may come with its bytes or in a second, empty message, as the worker and the loop meet.
        assertTrue(all.contains("ASGI [1] Receive {type: http.request, body: <3 bytes>, more_body: "), all);
        assertTrue(all.contains(", more_body: false}"), all);
        assertTrue(all.contains("ASGI [1] Send {type: http.response.start, status: 200"), all);
        assertTrue(all.contains("ASGI [1] Completed"), all);
    }
}
