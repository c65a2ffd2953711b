package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's three defects through real sockets: no request served after a response that closes the connection, a
 * half-closed request answered, and no error logged for an application whose client went away. The first two were
 * races (about one try in five and one in two failed), so each is tried many times.
 */
class ConnectionCloseRulesTest {
    private static final int TRIES = 100;

    private static final Application APP = (scope, receive, send) -> {
        String path = ((HttpScope) scope).path();
        if (path.equals("/error")) {
            throw new IllegalStateException("boom");
        }
        List<Header> headers = path.equals("/close") ? List.of(Header.of("connection", "close")) : List.of();
        send.send(new HttpResponseStart(200, headers));
        send.send(HttpResponseBody.of(path));
    };

    @Test
    void noRequestIsServedAfterAnErrorResponse() throws Exception {
        noRequestIsServedAfter("/error", 500, false);
    }

    @Test
    void noRequestIsServedAfterAnApplicationsConnectionClose() throws Exception {
        noRequestIsServedAfter("/close", 200, false);
    }

    @Test
    void noRequestIsServedAfterAnErrorResponseWithAThreadPerRequest() throws Exception {
        noRequestIsServedAfter("/error", 500, true);
    }

    private static void noRequestIsServedAfter(String path, int status, boolean threadPerRequest) throws Exception {
        try (TestServer s = TestServer.start(APP, b -> b.threadPerRequest(threadPerRequest))) {
            for (int i = 0; i < TRIES; i++) {
                try (RawClient c = s.raw()) {
                    c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
                    RawClient.Response first = c.response();
                    assertEquals(status, first.status());
                    assertEquals("close", first.headers().get("connection"));
                    try {
                        c.send("GET /second HTTP/1.1\r\nHost: x\r\n\r\n");
                    } catch (IOException e) {
                        continue; // already closed: fine
                    }
                    String rest = readRest(c);
                    assertEquals("", rest, "try " + i + ": a request was served after connection: close");
                }
            }
        }
    }

    private static String readRest(RawClient c) {
        try {
            return c.readAll();
        } catch (IOException e) {
            return ""; // reset: the server closed without answering
        }
    }

    @Test
    void aHalfClosedRequestIsAlwaysAnswered() throws Exception {
        try (TestServer s = TestServer.start(APP)) {
            for (int i = 0; i < TRIES; i++) {
                try (RawClient c = s.raw()) {
                    c.send("GET /half HTTP/1.1\r\nHost: x\r\n\r\n");
                    c.shutdownOutput();
                    RawClient.Response r = c.response();
                    assertEquals(200, r.status(), "try " + i);
                    assertEquals("/half", r.text());
                    assertTrue(c.closedByServer(), "try " + i + ": the connection closes after the answer");
                }
            }
        }
    }

    @Test
    void anApplicationWhoseClientLeftLogsNothing() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> returned = new CompletableFuture<>();
        Application waitsForDisconnect = (scope, receive, send) -> {
            started.complete(null);
            while (!(receive.receive() instanceof HttpDisconnect)) {
                // the body, until the client goes
            }
            returned.complete(null);
        };
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger error = Logger.getLogger("jvicorn.error");
        Logger access = Logger.getLogger("jvicorn.access");
        error.addHandler(capture);
        access.addHandler(capture);
        try (TestServer s = TestServer.start(waitsForDisconnect, b -> b.accessLog(true))) {
            try (RawClient c = s.raw()) {
                c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
                started.get(10, TimeUnit.SECONDS);
                c.reset();
            }
            returned.get(10, TimeUnit.SECONDS);
        } finally { // closing the server waited for the request to end, so whatever it logs for it is in
            error.removeHandler(capture);
            access.removeHandler(capture);
        }
        assertEquals(List.of(), records.stream()
                .filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                .filter(r -> !r.getLoggerName().equals("jvicorn.error") || r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogRecord::getMessage).toList());
    }
}
