package io.jvicorn.spring.webflux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import io.jvicorn.testing.StreamedResponse;
import io.jvicorn.testing.TestClient;
import io.jvicorn.testing.TestRequest;
import io.jvicorn.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.HttpHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The adapter driven in-process by jvicorn's TestClient: what it sends is checked by the server's own rules, and the
 * client sees each body part as it is sent.
 */
class WebFluxInProcessTest {
    private static TestClient client;

    @BeforeAll
    static void start() throws Exception {
        client = TestClient.of(new WebFluxApplication(DemoApp.handler()));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
    }

    @Test
    void aMonoBodyIsOneFinalPartWithItsLength() throws Exception {
        TestResponse r = client.get("/fn/hello");
        assertEquals(200, r.status());
        assertEquals("hello from a RouterFunction", r.text());
        assertEquals("27", r.header("content-length"));
        assertEquals("yes", r.header("x-decorated"));
    }

    @Test
    void eachServerSentEventIsItsOwnPart() throws Exception {
        try (StreamedResponse r = client.stream(TestRequest.get("/events").header("accept", "text/event-stream"))) {
            assertEquals(200, r.status());
            assertTrue(r.header("content-type").startsWith("text/event-stream"), r.header("content-type"));
            List<String> parts = new ArrayList<>();
            for (byte[] chunk : r.chunks()) {
                parts.add(new String(chunk, StandardCharsets.UTF_8));
            }
            assertEquals(List.of("id:1\ndata:event 1\n\n", "id:2\ndata:event 2\n\n", "id:3\ndata:event 3\n\n"), parts);
        }
    }

    @Test
    void leavingAnEndlessStreamCancelsTheHandler() throws Exception {
        DemoApp.ticksCancelled = new CountDownLatch(1);
        try (StreamedResponse r = client.stream(TestRequest.get("/ticks").header("accept", "text/event-stream"))) {
            assertEquals("data:tick 0\n\n", new String(r.nextChunk(), StandardCharsets.UTF_8));
        }
        assertTrue(DemoApp.ticksCancelled.await(30, TimeUnit.SECONDS), "the handler's stream was not cancelled");
    }

    @Test
    void theRequestBodyIsReadOnlyAsTheHandlerAsks() throws Exception {
        // The client makes a part only when the application receives; the handler asks for one buffer at a time and
        // answers with how many parts had been made when each arrived: never more than one ahead of the handler.
        AtomicInteger made = new AtomicInteger();
        Iterable<byte[]> parts = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return made.get() < 5;
            }

            @Override
            public byte[] next() {
                made.incrementAndGet();
                return new byte[1024];
            }
        };
        HttpHandler handler = (request, response) -> response.writeWith(request.getBody()
                .limitRate(1)
                .map(buffer -> {
                    DataBufferUtils.release(buffer);
                    return response.bufferFactory().wrap((made.get() + ",").getBytes(StandardCharsets.UTF_8));
                }));
        try (TestClient local = TestClient.of(new WebFluxApplication(handler))) {
            TestResponse r = local.request(TestRequest.post("/").chunks(parts));
            assertEquals("1,2,3,4,5,", r.text());
        }
    }

    @Test
    void aHandlerThatNeverWritesGetsAnEmptyResponse() throws Exception {
        HttpHandler handler = (request, response) -> {
            response.setRawStatusCode(204);
            response.getHeaders().add("x-empty", "true");
            return Mono.empty();
        };
        try (TestClient local = TestClient.of(new WebFluxApplication(handler))) {
            TestResponse r = local.get("/");
            assertEquals(204, r.status());
            assertEquals("true", r.header("x-empty"));
            assertEquals(0, r.body().length);
        }
    }

    @Test
    void aStreamThatFailsMidwayCutsTheResponseOff() throws Exception {
        HttpHandler handler = (request, response) -> response.writeWith(Flux.concat(
                Flux.just(response.bufferFactory().wrap("partial".getBytes(StandardCharsets.UTF_8))),
                Flux.error(new IllegalStateException("the stream broke"))));
        try (TestClient local = TestClient.of(new WebFluxApplication(handler));
             StreamedResponse r = local.stream(TestRequest.get("/"))) {
            assertEquals("partial", new String(r.nextChunk(), StandardCharsets.UTF_8));
            io.jvicorn.testing.ApplicationFailedException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.jvicorn.testing.ApplicationFailedException.class, r::nextChunk);
            assertEquals("the stream broke", rootCause(e).getMessage());
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void cookiesAndTheContextPath() throws Exception {
        try (TestClient rooted = TestClient.builder(new WebFluxApplication(DemoApp.handler())).rootPath("/app")
                .build()) {
            TestResponse r = rooted.request(TestRequest.get("/whoami"));
            assertEquals(200, r.status(), r.text());
            assertTrue(r.text().contains("\"contextPath\":\"/app\""), r.text());
            assertTrue(r.text().contains("\"remote\":\"testclient/<unresolved>:50000\""), r.text());
        }
        TestResponse cookies = client.request(TestRequest.get("/cookies").header("cookie", "a=1; session=\"xyz\""));
        assertEquals("session=xyz", cookies.text());
        assertEquals("seen=yes; Path=/; HttpOnly", Header.first(cookies.headers(), "set-cookie"));
        assertNull(Header.first(cookies.headers(), "transfer-encoding"));
    }
}
