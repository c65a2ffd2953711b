package io.jvicorn.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.ClientDisconnectedException;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponsePathsend;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpResponseTrailers;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.rules.ScopeParts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestClientHttpTest {

    private static final List<Header> TEXT = List.of(Header.of("content-type", "text/plain"));

    /** Answers with the whole request body it read, and remembers the events. */
    private static final class Echo implements io.jvicorn.asgi.Application {
        final List<ReceiveEvent> received = Collections.synchronizedList(new ArrayList<>());
        volatile HttpScope scope;

        @Override
        public void call(Scope scope, io.jvicorn.asgi.Receive receive, io.jvicorn.asgi.Send send) throws Exception {
            if (!(scope instanceof HttpScope http)) {
                throw new IllegalArgumentException("http only");
            }
            this.scope = http;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                ReceiveEvent e = receive.receive();
                received.add(e);
                if (e instanceof HttpRequest r) {
                    body.writeBytes(r.body());
                    if (!r.moreBody()) {
                        break;
                    }
                } else {
                    return; // disconnected
                }
            }
            send.send(new HttpResponseStart(200, TEXT));
            send.send(new HttpResponseBody(body.toByteArray()));
        }
    }

    @Test
    void theScopeHasTheFieldsTheServerBuilds() throws Exception {
        Echo app = new Echo();
        try (TestClient client = TestClient.builder(app).rootPath("/api").build()) {
            client.request(TestRequest.get("/caf%C3%A9/x%2Fy?q=1&r=%20").header("X-Token", "abc"));
        }
        HttpScope s = app.scope;
        assertEquals(AsgiVersion.HTTP, s.asgi());
        assertEquals("1.1", s.httpVersion());
        assertEquals("GET", s.method());
        assertEquals("http", s.scheme());
        assertEquals("/api/café/x/y", s.path());
        assertEquals("/api/caf%C3%A9/x%2Fy", new String(s.rawPath(), StandardCharsets.ISO_8859_1));
        assertEquals("q=1&r=%20", s.query());
        assertEquals("/api", s.rootPath());
        assertEquals(List.of(Header.of("host", "testserver"), Header.of("user-agent", "testclient"),
                Header.of("x-token", "abc")), s.headers());
        assertEquals(new Address("testclient", 50000), s.client());
        assertEquals(new Address("testserver", 80), s.server());
        assertEquals(ScopeParts.HTTP_EXTENSIONS, s.extensions());
    }

    @Test
    void aTargetWithNonAsciiCharactersIsPercentEncodedAsAClientWould() throws Exception {
        Echo app = new Echo();
        try (TestClient client = TestClient.of(app)) {
            client.get("/é b");
        }
        assertEquals("/%C3%A9%20b", new String(app.scope.rawPath(), StandardCharsets.ISO_8859_1));
        assertEquals("/é b", app.scope.path());
    }

    @Test
    void aWholeBodyArrivesInOneEventWithItsLength() throws Exception {
        Echo app = new Echo();
        try (TestClient client = TestClient.of(app)) {
            TestResponse r = client.post("/echo", "text/plain", "hello");
            assertEquals(200, r.status());
            assertEquals("hello", r.text());
            assertEquals("text/plain", r.header("Content-Type"));
        }
        assertEquals("5", app.scope.header("content-length"));
        assertEquals(1, app.received.size());
    }

    @Test
    void aStreamedBodyArrivesChunkByChunkThenAnEmptyEnd() throws Exception {
        Echo app = new Echo();
        try (TestClient client = TestClient.of(app)) {
            TestResponse r = client.request(TestRequest.post("/echo").chunks(List.of(
                    "ab".getBytes(StandardCharsets.UTF_8), "cd".getBytes(StandardCharsets.UTF_8))));
            assertEquals("abcd", r.text());
        }
        assertEquals("chunked", app.scope.header("transfer-encoding"));
        assertNull(app.scope.header("content-length"));
        assertEquals(3, app.received.size());
        assertTrue(((HttpRequest) app.received.get(0)).moreBody());
        assertTrue(((HttpRequest) app.received.get(1)).moreBody());
        assertEquals(HttpRequest.EMPTY.moreBody(), ((HttpRequest) app.received.get(2)).moreBody());
        assertEquals(0, ((HttpRequest) app.received.get(2)).body().length);
    }

    @Test
    void aClientThatLeavesMidBodyIsADisconnectForTheApplication() throws Exception {
        Echo app = new Echo();
        try (TestClient client = TestClient.of(app)) {
            client.sendAndDisconnect(TestRequest.post("/echo").chunks(List.of(new byte[] {1})));
        }
        assertEquals(2, app.received.size());
        assertInstanceOf(HttpDisconnect.class, app.received.get(1));
    }

    @Test
    void aStreamedResponseIsReadAsTheApplicationSendsIt() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        io.jvicorn.asgi.Application app = (scope, receive, send) -> {
            send.send(new HttpResponseStart(200, TEXT));
            send.send(new HttpResponseBody("one".getBytes(StandardCharsets.UTF_8), true));
            firstRead.await(); // the second part exists only once the test has read the first
            send.send(new HttpResponseBody("two".getBytes(StandardCharsets.UTF_8), true));
            send.send(new HttpResponseBody(new byte[0], false));
        };
        try (TestClient client = TestClient.of(app);
             StreamedResponse r = client.stream(TestRequest.get("/events"))) {
            assertEquals(200, r.status());
            assertEquals("one", new String(r.nextChunk(), StandardCharsets.UTF_8));
            firstRead.countDown();
            assertEquals("two", new String(r.nextChunk(), StandardCharsets.UTF_8));
            assertNull(r.nextChunk());
            assertTrue(r.isComplete());
        }
    }

    @Test
    void closingAStreamedResponseEarlyDisconnectsTheApplication() throws Exception {
        AtomicReference<Throwable> sendAfterClose = new AtomicReference<>();
        AtomicReference<ReceiveEvent> receivedAfterClose = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        io.jvicorn.asgi.Application app = (scope, receive, send) -> {
            receive.receive(); // the empty body
            send.send(new HttpResponseStart(200, TEXT));
            send.send(new HttpResponseBody("tick".getBytes(StandardCharsets.UTF_8), true));
            receivedAfterClose.set(receive.receive()); // returns once the client has gone
            closed.countDown();
            try {
                send.send(new HttpResponseBody("tock".getBytes(StandardCharsets.UTF_8), true));
            } catch (ClientDisconnectedException e) {
                sendAfterClose.set(e);
                throw e;
            }
        };
        try (TestClient client = TestClient.of(app)) {
            try (StreamedResponse r = client.stream(TestRequest.get("/events"))) {
                assertEquals("tick", new String(r.nextChunk(), StandardCharsets.UTF_8));
            }
        }
        assertInstanceOf(HttpDisconnect.class, receivedAfterClose.get());
        assertInstanceOf(ClientDisconnectedException.class, sendAfterClose.get());
    }

    @Test
    void trailersFollowTheBody() throws Exception {
        io.jvicorn.asgi.Application app = (scope, receive, send) -> {
            send.send(new HttpResponseStart(200, TEXT, true));
            send.send(new HttpResponseBody("data".getBytes(StandardCharsets.UTF_8), false));
            send.send(new HttpResponseTrailers(List.of(Header.of("x-checksum", "abc")), true));
            send.send(new HttpResponseTrailers(List.of(Header.of("x-count", "1")), false));
        };
        try (TestClient client = TestClient.of(app)) {
            TestResponse r = client.get("/");
            assertEquals("data", r.text());
            assertEquals(List.of(Header.of("x-checksum", "abc"), Header.of("x-count", "1")), r.trailers());
        }
    }

    @Test
    void aHeadResponseHasNoBodyAndItsLengthIsNotEnforced() throws Exception {
        io.jvicorn.asgi.Application app = (scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of(Header.of("content-length", "10"))));
            send.send(new HttpResponseBody("abc".getBytes(StandardCharsets.UTF_8)));
        };
        try (TestClient client = TestClient.of(app)) {
            TestResponse head = client.request(TestRequest.of("HEAD", "/"));
            assertEquals(0, head.body().length);
            ApplicationFailedException get = assertThrows(ApplicationFailedException.class, () -> client.get("/"));
            assertEquals("Response content shorter than Content-Length", get.getCause().getMessage());
        }
    }

    @Test
    void pathsendSendsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.bin");
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        Files.write(file, content);
        io.jvicorn.asgi.Application app = (scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of()));
            send.send(new HttpResponsePathsend(file));
        };
        try (TestClient client = TestClient.of(app)) {
            assertArrayEquals(content, client.get("/file").body());
        }
    }

    @Test
    void anApplicationThatBreaksTheSendOrderFailsAsInTheServer() throws Exception {
        io.jvicorn.asgi.Application bodyFirst = (scope, receive, send) -> send.send(HttpResponseBody.of("x"));
        io.jvicorn.asgi.Application startTwice = (scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of()));
            send.send(new HttpResponseStart(200, List.of()));
        };
        io.jvicorn.asgi.Application sendAfterEnd = (scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of()));
            send.send(HttpResponseBody.of("x"));
            send.send(HttpResponseBody.of("y"));
        };
        assertEquals("Expected ASGI message 'http.response.start', but got 'http.response.body'.",
                failureOf(bodyFirst).getMessage());
        assertEquals("Expected ASGI message 'http.response.body', but got 'http.response.start'.",
                failureOf(startTwice).getMessage());
        assertEquals("Unexpected ASGI message 'http.response.body' sent, after response already completed.",
                failureOf(sendAfterEnd).getMessage());
    }

    private static Throwable failureOf(io.jvicorn.asgi.Application app) throws Exception {
        try (TestClient client = TestClient.of(app)) {
            ApplicationFailedException e = assertThrows(ApplicationFailedException.class, () -> client.get("/"));
            return assertInstanceOf(IllegalStateException.class, e.getCause());
        }
    }

    @Test
    void withoutRaisingAFailedApplicationIsA500AsTheServerAnswers() throws Exception {
        io.jvicorn.asgi.Application app = (scope, receive, send) -> {
            throw new IllegalStateException("boom");
        };
        try (TestClient client = TestClient.builder(app).raiseServerExceptions(false).build()) {
            TestResponse r = client.get("/");
            assertEquals(500, r.status());
            assertEquals("Internal Server Error", r.text());
        }
        try (TestClient client = TestClient.of(app)) {
            ApplicationFailedException e = assertThrows(ApplicationFailedException.class, () -> client.get("/"));
            assertEquals("boom", e.getCause().getMessage());
        }
    }

    @Test
    void anApplicationThatReturnsMidResponseFails() throws Exception {
        io.jvicorn.asgi.Application app = (scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of()));
            send.send(new HttpResponseBody(new byte[] {1}, true));
        };
        try (TestClient client = TestClient.of(app)) {
            ApplicationFailedException e = assertThrows(ApplicationFailedException.class, () -> client.get("/"));
            assertEquals("ASGI callable returned without completing response.", e.getMessage());
        }
    }

    @Test
    void receiveAfterTheResponseIsADisconnect() throws Exception {
        AtomicReference<ReceiveEvent> after = new AtomicReference<>();
        io.jvicorn.asgi.Application app = (scope, receive, send) -> {
            receive.receive();
            send.send(new HttpResponseStart(204, List.of()));
            send.send(new HttpResponseBody(new byte[0]));
            after.set(receive.receive());
        };
        try (TestClient client = TestClient.of(app)) {
            assertEquals(204, client.get("/").status());
        }
        assertInstanceOf(HttpDisconnect.class, after.get());
        assertFalse(after.get() instanceof HttpRequest);
    }
}
