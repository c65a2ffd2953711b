package io.jvicorn.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.WebSocketSend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Uvicorn's rules for applications that fail, misbehave, or wait for the client. */
class HttpAppBehaviourTest {

    @Test
    void exceptionBeforeStartGives500AndClose() throws Exception {
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            throw new IllegalStateException("boom");
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response r = c.response();
            assertEquals(500, r.status());
            assertEquals("Internal Server Error", r.text());
            assertEquals("21", r.header("content-length"));
            assertEquals("close", r.header("connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void exceptionAfterStartClosesWithoutA500() throws Exception {
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of()));
            send.send(new HttpResponseBody("partial".getBytes(StandardCharsets.US_ASCII), true));
            throw new IllegalStateException("boom");
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            String all = c.readAll();
            assertTrue(all.startsWith("HTTP/1.1 200 OK"), all);
            assertFalse(all.contains("500"), all);
            assertFalse(all.endsWith("0\r\n\r\n"), "the chunked body must not look complete: " + all);
        }
    }

    @Test
    void returningWithoutResponseGives500() throws Exception {
        try (TestServer s = TestServer.start((scope, receive, send) -> { }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(500, c.response().status());
        }
    }

    @Test
    void bodyLongerThanContentLengthCloses() throws Exception {
        AtomicReference<Throwable> error = new AtomicReference<>();
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of(Header.of("content-length", "2"))));
            try {
                send.send(new HttpResponseBody("abc".getBytes(StandardCharsets.US_ASCII)));
            } catch (IllegalStateException e) {
                error.set(e);
                throw e;
            }
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            c.readAll();
            assertTrue(error.get().getMessage().contains("longer than Content-Length"));
        }
    }

    @Test
    void wrongMessageOrderFailsSend() throws Exception {
        CompletableFuture<Throwable> bodyFirst = new CompletableFuture<>();
        CompletableFuture<Throwable> webSocketOnHttp = new CompletableFuture<>();
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            webSocketOnHttp.complete(assertThrows(IllegalStateException.class, () -> send.send(WebSocketSend.text("x"))));
            bodyFirst.complete(assertThrows(IllegalStateException.class, () -> send.send(new HttpResponseBody(new byte[0]))));
            Apps.hello().call(scope, receive, send);
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, c.response().status());
            assertEquals("Expected ASGI message 'http.response.start', but got 'http.response.body'.", bodyFirst.get().getMessage());
            assertTrue(webSocketOnHttp.get().getMessage().contains("websocket.send"));
        }
    }

    @Test
    void continueIsSentOnlyWhenTheAppReads() throws Exception {
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            if (((io.jvicorn.asgi.HttpScope) scope).path().equals("/read")) {
                Apps.echo().call(scope, receive, send);
            } else {
                Apps.hello().call(scope, receive, send);
            }
        })) {
            try (RawClient c = s.raw()) {
                c.send("POST /read HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
                assertEquals(100, c.response().status());
                c.send("hello");
                assertEquals("hello", c.response().text());
            }
            try (RawClient c = s.raw()) {
                c.send("POST /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
                RawClient.Response r = c.response();
                assertEquals(200, r.status());
                assertEquals("hello", r.text());
            }
        }
    }

    @Test
    void disconnectReachesTheApp() throws Exception {
        CompletableFuture<ReceiveEvent> last = new CompletableFuture<>();
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            ReceiveEvent first = receive.receive(); // the (empty) body
            last.complete(receive.receive());       // blocks until the client goes away
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            c.reset();
            assertEquals(HttpDisconnect.INSTANCE, last.get(5, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void aHalfCloseIsNotADisconnect() throws Exception {
        // RFC 9112 §9.6: a client may close its sending side and still wait for the response.
        CompletableFuture<ReceiveEvent> afterBody = new CompletableFuture<>();
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            receive.receive(); // the (empty) body
            afterBody.complete(null);
            send.send(new io.jvicorn.asgi.HttpResponseStart(200, java.util.List.of()));
            send.send(io.jvicorn.asgi.HttpResponseBody.of("answered"));
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            c.shutdownOutput();
            RawClient.Response r = c.response();
            assertEquals(200, r.status());
            assertEquals("answered", r.text());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void unreadBodyIsDrainedBeforeTheNextRequest() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello()); RawClient c = s.raw()) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
            c.send(new byte[100_000]);
            assertEquals("hello", c.response().text());
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("hello", c.response().text());
        }
    }

    @Test
    void concurrencyLimitAnswers503() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello(), b -> b.limitConcurrency(1)); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response r = c.response();
            assertEquals(503, r.status());
            assertEquals("Service Unavailable", r.text());
        }
    }

    @Test
    void keepAliveTimeoutClosesIdleConnections() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello(), b -> b.timeoutKeepAlive(Duration.ofMillis(300))); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, c.response().status());
            c.timeout(5000);
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void silentNewConnectionIsClosedAfterKeepAliveTimeout() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello(), b -> b.timeoutKeepAlive(Duration.ofMillis(300))); RawClient c = s.raw()) {
            c.timeout(5000);
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void slowRequestHeadGets408() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello(), b -> b.timeoutRequestHeader(Duration.ofMillis(300))); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            RawClient.Response r = c.response();
            assertEquals(408, r.status());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void slowReaderParksTheSender() throws Exception {
        int chunks = 2000;
        byte[] chunk = new byte[64 * 1024];
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Long.toString((long) chunks * chunk.length)))));
            for (int i = 0; i < chunks; i++) {
                send.send(new HttpResponseBody(chunk, i < chunks - 1));
                sent.incrementAndGet();
            }
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            // The client reads nothing: the app must stall far below 128 MiB instead of buffering it.
            java.util.concurrent.atomic.AtomicInteger last = new java.util.concurrent.atomic.AtomicInteger(-1);
            await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(10))
                    .until(() -> sent.get() > 0 && sent.get() == last.getAndSet(sent.get()));
            int stalled = sent.get();
            assertTrue(stalled < chunks / 4, "sent " + stalled + " chunks to a client that reads nothing");
            RawClient.Response r = c.response();
            assertEquals((long) chunks * chunk.length, r.body().length);
        }
    }

    @Test
    void curlGetsTheResponse() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/curl").exists(), "curl not installed");
        try (TestServer s = TestServer.start(Apps.echo())) {
            Process p = new ProcessBuilder("/usr/bin/curl", "-sS", "--data-binary", "from curl", s.url("/x"))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor());
            assertEquals("from curl", out);
        }
    }
}
