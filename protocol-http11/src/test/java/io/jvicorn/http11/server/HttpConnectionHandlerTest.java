package io.jvicorn.http11.server;

import static io.jvicorn.http11.server.EmbeddedHttp.ok;
import static io.jvicorn.http11.server.EmbeddedHttp.okClose;
import static io.jvicorn.http11.server.EmbeddedHttp.plain;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.NonBlockingApplication;
import io.jvicorn.asgi.ReceiveEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 connection in memory: byte-exact, with the clock moved by hand. */
class HttpConnectionHandlerTest {
    private static final String GET = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";

    /** Answers its path; /error throws before responding; /close answers with its own "connection: close". */
    static final Application PATHS = (scope, receive, send) -> {
        String path = ((HttpScope) scope).path();
        switch (path) {
            case "/error" -> throw new IllegalStateException("boom");
            case "/close" -> {
                send.send(new HttpResponseStart(200, List.of(Header.of("connection", "close"))));
                send.send(HttpResponseBody.of(path));
            }
            default -> {
                send.send(new HttpResponseStart(200, List.of()));
                send.send(HttpResponseBody.of(path));
            }
        }
    };

    private static final String APP_CLOSED = "HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 6\r\n\r\n/close";
    private static final String ERROR_500 = plain(500, "Internal Server Error", "Internal Server Error");

    @Test
    void keepAliveAnswersRequestsOneAfterAnother() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n");
            c.expectOutput(ok("/one"));
            c.send("GET /two HTTP/1.1\r\nHost: x\r\n\r\n");
            c.expectOutput(ok("/one") + ok("/two"));
            assertTrue(c.transport.isOpen());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\n\r\n");
            c.expectOutput(ok("/1") + ok("/2") + ok("/3"));
        }
    }

    // ---------------------------------------------------------------- case 1: nothing after "connection: close"

    @Test
    void noRequestIsServedAfterAnErrorResponse() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("GET /error HTTP/1.1\r\nHost: x\r\n\r\n");
            c.expectOutput(ERROR_500);
            c.send("GET /second HTTP/1.1\r\nHost: x\r\n\r\n");
            c.awaitOutputShutdown();
            c.transport.runPendingTasks();
            assertEquals(ERROR_500, c.output());
        }
    }

    @Test
    void noPipelinedRequestIsServedAfterAnErrorResponse() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("GET /error HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n");
            c.awaitOutputShutdown();
            assertEquals(ERROR_500, c.output());
        }
    }

    @Test
    void noRequestIsServedAfterTheApplicationSaysClose() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("GET /close HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n");
            c.awaitOutputShutdown();
            c.send("GET /third HTTP/1.1\r\nHost: x\r\n\r\n");
            c.transport.runPendingTasks();
            assertEquals(APP_CLOSED, c.output());
        }
    }

    @Test
    void aRequestSayingCloseIsTheLastOne() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /never HTTP/1.1\r\nHost: x\r\n\r\n");
            c.awaitOutputShutdown();
            assertEquals(okClose("/last"), c.output());
        }
    }

    @Test
    void theClosingConnectionLingersAndClosesWhenTheClientDoes() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("GET /error HTTP/1.1\r\nHost: x\r\n\r\n");
            c.awaitOutputShutdown();
            assertTrue(c.transport.isOpen()); // still reading, so late client bytes do not cause a reset
            c.send("GET /late HTTP/1.1\r\nHost: x\r\n\r\n");
            c.transport.shutdownInput();
            c.awaitClosed();
            assertEquals(ERROR_500, c.output());
        }
    }

    @Test
    void theLingerEndsOnTheClock() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("GET /error HTTP/1.1\r\nHost: x\r\n\r\n");
            c.awaitOutputShutdown();
            c.transport.advance(Duration.ofSeconds(1));
            assertTrue(c.transport.isOpen());
            c.transport.advance(Duration.ofSeconds(2));
            assertFalse(c.transport.isOpen());
        }
    }

    // ---------------------------------------------------------------- case 2: a half-close is not a disconnect

    @Test
    void aHalfClosedRequestIsAnswered() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("GET /half HTTP/1.1\r\nHost: x\r\n\r\n");
            c.transport.shutdownInput();
            c.awaitOutputShutdown();
            assertEquals(ok("/half"), c.output());
            c.awaitClosed();
        }
    }

    @Test
    void pipelinedRequestsBeforeAHalfCloseAreAllAnswered() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n");
            c.transport.shutdownInput();
            c.awaitClosed();
            assertEquals(ok("/1") + ok("/2"), c.output());
        }
    }

    @Test
    void theApplicationDoesNotSeeADisconnectWhileTheClientWaitsForItsAnswer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<ReceiveEvent> body = new CompletableFuture<>();
        Application slow = (scope, receive, send) -> {
            body.complete(receive.receive());
            release.await();
            send.send(new HttpResponseStart(200, List.of()));
            send.send(HttpResponseBody.of("late"));
        };
        try (EmbeddedHttp c = EmbeddedHttp.start(slow)) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
            c.transport.shutdownInput();
            assertTrue(body.get(10, TimeUnit.SECONDS) instanceof HttpRequest);
            release.countDown();
            c.awaitClosed();
            assertEquals(ok("late"), c.output());
        }
    }

    @Test
    void anIncompleteRequestAtEndOfInputDisconnectsTheApplication() throws Exception {
        CompletableFuture<ReceiveEvent> first = new CompletableFuture<>();
        CompletableFuture<ReceiveEvent> second = new CompletableFuture<>();
        Application reader = (scope, receive, send) -> {
            first.complete(receive.receive());
            second.complete(receive.receive());
        };
        try (EmbeddedHttp c = EmbeddedHttp.start(reader)) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
            first.get(10, TimeUnit.SECONDS);
            c.transport.shutdownInput();
            assertEquals(HttpDisconnect.INSTANCE, second.get(10, TimeUnit.SECONDS));
            c.awaitClosed();
            assertEquals("", c.output());
        }
    }

    @Test
    void aResetDisconnectsTheApplication() throws Exception {
        CompletableFuture<ReceiveEvent> afterBody = new CompletableFuture<>();
        try (EmbeddedHttp c = EmbeddedHttp.start((scope, receive, send) -> {
            receive.receive();
            afterBody.complete(receive.receive());
        })) {
            c.send(GET);
            c.transport.reset();
            assertEquals(HttpDisconnect.INSTANCE, afterBody.get(10, TimeUnit.SECONDS));
        }
    }

    // ---------------------------------------------------------------- timers on the injected clock

    @Test
    void anIdleConnectionClosesAfterTheKeepAliveTimeout() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send(GET);
            c.expectOutput(ok("/a"));
            c.awaitNothingInFlight();
            c.transport.advance(Duration.ofSeconds(4));
            assertTrue(c.transport.isOpen());
            c.transport.advance(Duration.ofSeconds(1));
            assertFalse(c.transport.isOpen());
        }
    }

    @Test
    void aConnectionThatNeverSendsClosesAfterTheKeepAliveTimeout() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.transport.advance(Duration.ofSeconds(4));
            assertTrue(c.transport.isOpen());
            c.transport.advance(Duration.ofSeconds(1));
            assertFalse(c.transport.isOpen());
            assertEquals("", c.output());
        }
    }

    @Test
    void aRequestHeadThatTakesTooLongGets408() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("GET /slow HTTP/1.1\r\nHost:");
            c.transport.advance(Duration.ofSeconds(29));
            assertEquals("", c.output());
            c.transport.advance(Duration.ofSeconds(1));
            c.awaitOutputShutdown();
            assertEquals(plain(408, "Request Timeout", "request header timeout"), c.output());
        }
    }

    /** Reads the whole body, then answers its length. */
    private static final Application COUNT_BODY = (scope, receive, send) -> {
        int length = 0;
        ReceiveEvent e;
        do {
            e = receive.receive();
            if (e instanceof HttpDisconnect) {
                return;
            }
            length += ((HttpRequest) e).body().length;
        } while (((HttpRequest) e).moreBody());
        send.send(new HttpResponseStart(200, List.of()));
        send.send(HttpResponseBody.of(Integer.toString(length)));
    };

    private static final String BODY_408 = plain(408, "Request Timeout", "request body timeout");

    @Test
    void aStalledBodyGets408() {
        try (EmbeddedHttp c = EmbeddedHttp.start(COUNT_BODY)) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
            c.transport.advance(Duration.ofSeconds(59));
            assertEquals("", c.output());
            c.transport.advance(Duration.ofSeconds(1));
            c.awaitOutputShutdown();
            assertEquals(BODY_408, c.output());
        }
    }

    @Test
    void aTrailerSectionThatNeverEndsGets408() {
        try (EmbeddedHttp c = EmbeddedHttp.start(COUNT_BODY)) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-Trailer: 1\r\n");
            c.transport.advance(Duration.ofSeconds(60));
            c.awaitOutputShutdown();
            assertEquals(BODY_408, c.output());
        }
    }

    @Test
    void aSlowButSteadyUploadIsNotCutOff() {
        try (EmbeddedHttp c = EmbeddedHttp.start(COUNT_BODY)) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n");
            for (int i = 0; i < 5; i++) {
                c.transport.advance(Duration.ofSeconds(50));
                c.send("x");
            }
            c.expectOutput(ok("5"));
        }
    }

    @Test
    void aBodyHeldBackByTheApplicationDoesNotTimeOut() throws Exception {
        CountDownLatch startReading = new CountDownLatch(1);
        try (EmbeddedHttp c = EmbeddedHttp.start((scope, receive, send) -> {
            startReading.await();
            COUNT_BODY.call(scope, receive, send);
        })) {
            int size = 128 * 1024;
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n" + "y".repeat(size));
            assertTrue(c.transport.readsSuspended());
            c.transport.advance(Duration.ofSeconds(120));
            assertTrue(c.transport.isOpen());
            startReading.countDown();
            c.expectOutput(ok(Integer.toString(size)));
        }
    }

    @Test
    void aBusyConnectionIsNotClosedByTheKeepAliveTimer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (EmbeddedHttp c = EmbeddedHttp.start((scope, receive, send) -> {
            release.await();
            PATHS.call(scope, receive, send);
        })) {
            c.send(GET);
            c.transport.advance(Duration.ofSeconds(60));
            assertTrue(c.transport.isOpen());
            release.countDown();
            c.expectOutput(ok("/a"));
        }
    }

    // ---------------------------------------------------------------- back-pressure

    @Test
    void anUnreadBodyStopsReadingUntilTheApplicationReads() throws Exception {
        CountDownLatch startReading = new CountDownLatch(1);
        AtomicInteger read = new AtomicInteger();
        try (EmbeddedHttp c = EmbeddedHttp.start((scope, receive, send) -> {
            startReading.await();
            ReceiveEvent e;
            do {
                e = receive.receive();
                read.addAndGet(((HttpRequest) e).body().length);
            } while (((HttpRequest) e).moreBody());
            send.send(new HttpResponseStart(200, List.of()));
            send.send(HttpResponseBody.of(Integer.toString(read.get())));
        })) {
            int size = 256 * 1024;
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n");
            String chunk = "x".repeat(16 * 1024);
            for (int i = 0; i < size / chunk.length(); i++) {
                c.send(chunk);
            }
            assertTrue(c.transport.readsSuspended());
            assertTrue(c.transport.unreadInput() > 0);
            startReading.countDown();
            c.expectOutput(ok(Integer.toString(size)));
            assertFalse(c.transport.readsSuspended());
        }
    }

    @Test
    void theSixteenthQueuedRequestStopsReadingUntilResponsesGoOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (EmbeddedHttp c = EmbeddedHttp.start((scope, receive, send) -> {
            release.await();
            PATHS.call(scope, receive, send);
        })) {
            StringBuilder requests = new StringBuilder();
            StringBuilder answers = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                requests.append("GET /").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
                answers.append(ok("/" + i));
            }
            c.send(requests.toString());
            assertTrue(c.transport.readsSuspended());
            release.countDown();
            c.expectOutput(answers.toString());
            await().atMost(10, TimeUnit.SECONDS).until(() -> !c.transport.readsSuspended());
        }
    }

    @Test
    void aSlowReaderParksTheWriterAndGetsEveryByte() {
        String big = "y".repeat(300_000);
        try (EmbeddedHttp c = EmbeddedHttp.start((scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of()));
            send.send(HttpResponseBody.of(big));
        })) {
            c.transport.limitOutput(64 * 1024);
            c.send(GET);
            c.expectOutput(ok(big));
        }
    }

    @Test
    void aBodyTheApplicationDidNotReadIsDroppedAndTheConnectionKept() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            c.expectOutput(ok("/p"));
            c.send("3\r\nabc\r\n0\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n");
            c.expectOutput(ok("/p") + ok("/next"));
        }
    }

    @Test
    void aBadChunkInABodyNobodyReadsClosesTheConnection() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            c.expectOutput(ok("/p"));
            c.awaitNothingInFlight();
            c.send("zz\r\n");
            c.awaitOutputShutdown();
            assertEquals(ok("/p"), c.output());
        }
    }

    @Test
    void aBodyThatStallsAfterTheResponseEndsWithTheKeepAliveTimeout() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc");
            c.expectOutput(ok("/p"));
            c.awaitNothingInFlight();
            c.transport.advance(Duration.ofSeconds(4));
            assertTrue(c.transport.isOpen());
            c.transport.advance(Duration.ofSeconds(1));
            assertFalse(c.transport.isOpen());
        }
    }

    @Test
    void manyPipelinedRequestsWithAWorkerFinishingMeanwhile() {
        StringBuilder requests = new StringBuilder();
        StringBuilder answers = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            requests.append("GET /").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            answers.append(ok("/" + i));
        }
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            for (int round = 0; round < 5; round++) {
                c.send(requests.toString());
            }
            c.expectOutput(answers.toString().repeat(5));
        }
    }

    // ---------------------------------------------------------------- errors, shutdown, logging

    @Test
    void aMalformedRequestGets400AndTheConnectionCloses() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\nGET /never HTTP/1.1\r\nHost: x\r\n\r\n");
            c.awaitOutputShutdown();
            assertTrue(c.output().startsWith("HTTP/1.1 400 Bad Request\r\n"), c.output());
            assertFalse(c.output().contains("/never"));
        }
    }

    @Test
    void atShutdownAnIdleConnectionClosesAfterAShortGrace() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.send(GET);
            c.expectOutput(ok("/a"));
            c.awaitNothingInFlight();
            c.transport.shutdown();
            assertTrue(c.transport.isOpen());
            c.transport.advance(Duration.ofMillis(300));
            c.awaitOutputShutdown();
            assertEquals(ok("/a"), c.output());
        }
    }

    @Test
    void atShutdownARequestAlreadyOnItsWayIsAnsweredWithClose() {
        try (EmbeddedHttp c = EmbeddedHttp.start(PATHS)) {
            c.transport.shutdown();
            c.send("GET /late HTTP/1.1\r\nHost: x\r\n\r\nGET /never HTTP/1.1\r\nHost: x\r\n\r\n");
            c.awaitOutputShutdown();
            assertEquals(okClose("/late"), c.output());
        }
    }

    @Test
    void atShutdownABusyConnectionEndsAfterItsResponse() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (EmbeddedHttp c = EmbeddedHttp.start((scope, receive, send) -> {
            release.await();
            PATHS.call(scope, receive, send);
        })) {
            c.send(GET);
            c.transport.shutdown();
            assertTrue(c.transport.isOpen());
            release.countDown();
            c.awaitOutputShutdown();
            assertEquals(okClose("/a"), c.output());
        }
    }

    /** A response started as keep-alive before the shutdown reached the connection, and finished after it. */
    private static EmbeddedHttp keepAliveResponseFinishedDuringShutdown() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EmbeddedHttp c = EmbeddedHttp.start((scope, receive, send) -> {
            String path = ((HttpScope) scope).path();
            send.send(new HttpResponseStart(200, List.of()));
            if (path.equals("/a")) {
                started.countDown();
                release.await();
            }
            send.send(HttpResponseBody.of(path));
        });
        c.send(GET);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        c.transport.shutdown();
        release.countDown();
        c.expectOutput(ok("/a"));
        c.awaitNothingInFlight();
        return c;
    }

    @Test
    void atShutdownAKeepAliveResponseAlreadyStartedIsNotFollowedByAClose() throws Exception {
        // The client was told keep-alive and may send its next request at once: it is answered, with close.
        try (EmbeddedHttp c = keepAliveResponseFinishedDuringShutdown()) {
            assertTrue(c.transport.isOpen(), "closed right after a keep-alive response: " + c.output());
            c.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
            c.awaitOutputShutdown();
            assertEquals(ok("/a") + okClose("/next"), c.output());
        }
    }

    @Test
    void atShutdownAKeepAliveResponseAlreadyStartedIsFollowedByTheIdleGrace() throws Exception {
        try (EmbeddedHttp c = keepAliveResponseFinishedDuringShutdown()) {
            c.transport.advance(Duration.ofMillis(299));
            assertTrue(c.transport.isOpen());
            c.transport.advance(Duration.ofMillis(1));
            c.awaitOutputShutdown();
            assertEquals(ok("/a"), c.output());
        }
    }

    @Test
    void aRequestCutOffByTheShutdownDeadlineGets503() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        try (EmbeddedHttp c = EmbeddedHttp.start((scope, receive, send) -> {
            started.complete(null);
            new CountDownLatch(1).await(); // never answers by itself
        })) {
            c.send(GET);
            started.get(10, TimeUnit.SECONDS);
            c.transport.shutdown();
            c.transport.cancel();
            c.awaitOutputShutdown();
            assertEquals(plain(503, "Service Unavailable", "Service Unavailable"), c.output());
        }
    }

    @Test
    void aClientThatLeftGetsNoResponseAndNoErrorIsLogged() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> returned = new CompletableFuture<>();
        try (LogCapture log = LogCapture.of("jvicorn.error"); EmbeddedHttp c = EmbeddedHttp.start((scope, receive, send) -> {
            started.complete(null);
            while (!(receive.receive() instanceof HttpDisconnect)) {
                // the body, until the client goes
            }
            returned.complete(null); // and return without a response, as Starlette does
        })) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
            started.get(10, TimeUnit.SECONDS);
            c.transport.reset();
            returned.get(10, TimeUnit.SECONDS);
            await().atMost(10, TimeUnit.SECONDS).until(() -> c.settings.activity().tasks() == 0);
            assertEquals(List.of(), log.messagesAtOrAbove(java.util.logging.Level.WARNING));
        }
    }

    @Test
    void anApplicationThatReturnsWithoutAResponseGets500AndAnError() throws Exception {
        try (LogCapture log = LogCapture.of("jvicorn.error");
             EmbeddedHttp c = EmbeddedHttp.start((scope, receive, send) -> { })) {
            c.send(GET);
            c.expectOutput(ERROR_500);
            assertEquals(List.of("ASGI callable returned without starting response."),
                    log.messagesAtOrAbove(java.util.logging.Level.WARNING));
        }
    }

    // ---------------------------------------------------------------- threads

    @Test
    void threadPerRequestAnswersPipelinedRequestsOnFreshThreads() {
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (EmbeddedHttp c = EmbeddedHttp.start((scope, receive, send) -> {
            threads.add(Thread.currentThread());
            PATHS.call(scope, receive, send);
        }, EmbeddedHttp::threadPerRequest)) {
            c.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n");
            c.expectOutput(ok("/1") + ok("/2"));
            assertEquals(2, threads.stream().distinct().count());
        }
    }

    @Test
    void aNonBlockingApplicationIsAnsweredOnTheLoopAndItsCloseHolds() {
        NonBlockingApplication inline = PATHS::call;
        try (EmbeddedHttp c = EmbeddedHttp.start(inline)) {
            c.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /close HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\n\r\n");
            c.awaitOutputShutdown();
            assertEquals(ok("/1") + APP_CLOSED, c.output());
        }
    }

    @Test
    void inlineOutputTheSocketDoesNotTakeIsFinishedByAWorker() {
        String big = "z".repeat(100_000);
        NonBlockingApplication inline = (scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of()));
            send.send(HttpResponseBody.of(((HttpScope) scope).path().equals("/big") ? big : "small"));
        };
        try (EmbeddedHttp c = EmbeddedHttp.start(inline)) {
            c.transport.limitOutput(1000);
            c.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\nGET /s HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(1000, c.output().length()); // what the loop's write took; the rest went to a worker
            c.transport.limitOutput(Integer.MAX_VALUE);
            c.expectOutput(ok(big) + ok("small"));
        }
    }
}
