package io.jvicorn.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.HttpScope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ProxyAndAccessLogTest {

    private static final String FORWARDED_REQUEST = "GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.7, 10.0.0.1\r\n"
            + "X-Forwarded-Proto: https\r\n\r\n";

    @Test
    void trustedPeerForwardsClientAndScheme() throws Exception {
        AtomicReference<HttpScope> seen = new AtomicReference<>();
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            seen.set((HttpScope) scope);
            Apps.hello().call(scope, receive, send);
        }, b -> b.forwardedAllowIps("127.0.0.1, 10.0.0.0/8")); RawClient c = s.raw()) {
            c.send(FORWARDED_REQUEST);
            assertEquals(200, c.response().status());
            assertEquals(new Address("203.0.113.7", 0), seen.get().client());
            assertEquals("https", seen.get().scheme());
        }
    }

    @Test
    void proxyHeadersOffOrUntrustedPeerChangeNothing() throws Exception {
        AtomicReference<HttpScope> seen = new AtomicReference<>();
        for (boolean proxyHeaders : new boolean[] {false, true}) {
            try (TestServer s = TestServer.start((scope, receive, send) -> {
                seen.set((HttpScope) scope);
                Apps.hello().call(scope, receive, send);
            }, b -> b.proxyHeaders(proxyHeaders).forwardedAllowIps("192.0.2.1")); RawClient c = s.raw()) {
                c.send(FORWARDED_REQUEST);
                assertEquals(200, c.response().status());
                assertEquals("127.0.0.1", seen.get().client().host());
                assertEquals("http", seen.get().scheme());
            }
        }
    }

    @Test
    void accessLogLineHasStatusBytesAndDuration() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger access = Logger.getLogger("jvicorn.access");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        access.addHandler(capture);
        try (TestServer s = TestServer.start(Apps.hello(), b -> b.accessLog(true)
                .accessLogFormat("%(client_addr)s \"%(request_line)s\" %(status)s %(bytes)s %(duration_ms)s"));
             RawClient c = s.raw()) {
            c.send("GET /logged?x=1 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, c.response().status());
            await().atMost(Duration.ofSeconds(5)).until(() -> !lines.isEmpty());
            String line = lines.get(0);
            assertTrue(line.matches("127\\.0\\.0\\.1:\\d+ \"GET /logged\\?x=1 HTTP/1\\.1\" 200 5 \\d+(\\.\\d+)?"), line);
        } finally {
            access.removeHandler(capture);
        }
    }
}
