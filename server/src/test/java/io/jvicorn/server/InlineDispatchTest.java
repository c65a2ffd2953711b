package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.NonBlockingApplication;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A {@link NonBlockingApplication} answered on the selector loop: same bytes, same order, same rules. */
class InlineDispatchTest {
    private static final byte[] BIG = new byte[4 * 1024 * 1024];

    static {
        Arrays.fill(BIG, (byte) 'b');
    }

    /** Answers the path; /big sends 4 MiB (more than a socket takes at once); /twice waits in receive(). */
    private static final class PathApp implements NonBlockingApplication {
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void call(Scope scope, Receive receive, Send send) throws Exception {
            HttpScope http = (HttpScope) scope;
            threads.add(Thread.currentThread().getName());
            if (http.path().equals("/echo")) {
                Apps.echo().call(scope, receive, send);
                return;
            }
            if (http.path().equals("/twice")) {
                receive.receive();
                receive.receive();
            }
            byte[] body = http.path().equals("/big") ? BIG : http.path().getBytes(StandardCharsets.UTF_8);
            send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(body.length)))));
            send.send(new HttpResponseBody(body));
        }
    }

    @Test
    void bodylessRequestsRunOnTheLoopAndBodiesOnAVirtualThread() throws Exception {
        PathApp app = new PathApp();
        try (TestServer s = TestServer.start(app); RawClient c = s.raw()) {
            c.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("/a", c.response().text());
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
            assertEquals("hi", c.response().text());
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n");
            c.send("later");
            assertEquals("later", c.response().text());
            assertTrue(app.threads.get(0).startsWith("jvicorn-loop-"), app.threads.toString());
            assertTrue(app.threads.get(1).startsWith("jvicorn-loop-"), "a body that came with its head: " + app.threads);
            assertTrue(app.threads.get(2).startsWith("jvicorn-http"), "a body still arriving: " + app.threads);
        }
    }

    @Test
    void pipelinedMixOfInlineAndWorkerRequestsKeepsOrder() throws Exception {
        try (TestServer s = TestServer.start(new PathApp()); RawClient c = s.raw()) {
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                if (i % 5 == 2) {
                    pipeline.append("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\np").append(i < 10 ? "0" + i : i);
                } else if (i % 7 == 3) {
                    pipeline.append("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
                } else {
                    pipeline.append("GET /r").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
                }
            }
            c.send(pipeline.toString());
            for (int i = 0; i < 30; i++) {
                RawClient.Response r = c.response();
                if (i % 5 == 2) {
                    assertEquals("p" + (i < 10 ? "0" + i : i), r.text());
                } else if (i % 7 == 3) {
                    assertArrayEquals(BIG, r.body());
                } else {
                    assertEquals("/r" + i, r.text());
                }
            }
        }
    }

    @Test
    void largeInlineResponseIsFinishedByAWorker() throws Exception {
        try (TestServer s = TestServer.start(new PathApp()); RawClient c = s.raw()) {
            for (int i = 0; i < 3; i++) {
                c.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
                assertArrayEquals(BIG, c.response().body());
                c.send("GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("/small", c.response().text());
            }
        }
    }

    @Test
    void waitingInReceiveIsRefusedWith500() throws Exception {
        try (TestServer s = TestServer.start(new PathApp()); RawClient c = s.raw()) {
            c.send("GET /twice HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(500, c.response().status());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void connectionCloseAfterInlineResponse() throws Exception {
        try (TestServer s = TestServer.start(new PathApp()); RawClient c = s.raw()) {
            c.send("GET /bye HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            RawClient.Response r = c.response();
            assertEquals("/bye", r.text());
            assertEquals("close", r.header("connection"));
            assertTrue(c.closedByServer());
        }
    }
}
