package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code threadPerRequest} (CLI {@code --reset-contextvars}): pipelined requests of one connection each run on a new
 * virtual thread, so a {@code ThreadLocal} one request sets is not seen by the next.
 */
class ThreadPerRequestTest {
    private static final int REQUESTS = 40;
    private static final ThreadLocal<String> MARK = new ThreadLocal<>();
    private static final InheritableThreadLocal<String> INHERITED_MARK = new InheritableThreadLocal<>();

    /** Answers with the marks an earlier request left on this thread ("-" for none), then leaves its own. */
    private static final Application MARKING = (scope, receive, send) -> {
        String seen = MARK.get() + "|" + INHERITED_MARK.get();
        String path = ((HttpScope) scope).path();
        MARK.set(path);
        INHERITED_MARK.set(path);
        byte[] body = seen.getBytes(StandardCharsets.UTF_8);
        send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(body.length)))));
        send.send(new HttpResponseBody(body));
    };

    private static List<String> pipelined(TestServer server) throws Exception {
        try (RawClient c = server.raw()) {
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < REQUESTS; i++) {
                pipeline.append("GET /r").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            c.send(pipeline.toString()); // one write: the loop queues many before the worker finishes the first
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                seen.add(c.response().text());
            }
            return seen;
        }
    }

    @Test
    void withoutItAConnectionsWorkerThreadServesTheQueuedRequests() throws Exception {
        try (TestServer s = TestServer.start(MARKING)) {
            List<String> seen = pipelined(s);
            assertTrue(seen.stream().anyMatch(text -> text.startsWith("/r")), "no thread reuse observed: " + seen);
        }
    }

    @Test
    void withItEveryRequestStartsWithoutThreadLocals() throws Exception {
        try (TestServer s = TestServer.start(MARKING, b -> b.threadPerRequest(true))) {
            List<String> seen = pipelined(s);
            assertEquals(List.of("null|null"), seen.stream().distinct().toList(), seen.toString());
        }
    }
}
