package io.jvicorn.lifespan;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.LifespanShutdownComplete;
import io.jvicorn.asgi.LifespanShutdownFailed;
import io.jvicorn.asgi.LifespanStartupComplete;
import io.jvicorn.asgi.LifespanStartupFailed;
import io.jvicorn.asgi.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(10)
class LifespanTest {
    private static final String WAITING_STARTUP = "INFO Waiting for application startup.";
    private static final String STARTUP_COMPLETE = "INFO Application startup complete.";
    private static final String WAITING_SHUTDOWN = "INFO Waiting for application shutdown.";
    private static final String SHUTDOWN_COMPLETE = "INFO Application shutdown complete.";
    private static final String UNSUPPORTED = "INFO ASGI 'lifespan' protocol appears unsupported.";
    private static final String EXCEPTION = "SEVERE Exception in 'lifespan' protocol";
    private static final String STARTUP_FAILED = "SEVERE Application startup failed. Exiting.";
    private static final String SHUTDOWN_FAILED = "SEVERE Application shutdown failed. Exiting.";

    private final List<String> received = new CopyOnWriteArrayList<>();
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = new LogCapture();
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    /** Answers both events and puts one entry into the state, as a typical framework does. */
    private Application wellBehaved() {
        return (scope, receive, send) -> {
            LifespanScope lifespan = assertInstanceOf(LifespanScope.class, scope);
            received.add(receive.receive().type());
            lifespan.state().put("db", "connected");
            send.send(new LifespanStartupComplete());
            received.add(receive.receive().type());
            send.send(new LifespanShutdownComplete());
        };
    }

    @ParameterizedTest
    @EnumSource(value = LifespanMode.class, names = {"AUTO", "ON"})
    void deliversStartupAndShutdownAndSharesTheState(LifespanMode mode) throws Exception {
        Lifespan lifespan = new Lifespan(wellBehaved(), mode);

        Map<String, Object> state = lifespan.startup();
        assertEquals(Map.of("db", "connected"), state);
        assertSame(state, lifespan.state());
        assertTrue(lifespan.supported());
        lifespan.shutdown();

        assertEquals(List.of("lifespan.startup", "lifespan.shutdown"), received);
        assertEquals(List.of(WAITING_STARTUP, STARTUP_COMPLETE, WAITING_SHUTDOWN, SHUTDOWN_COMPLETE), log.lines());
    }

    @Test
    void scopeIsTheLifespanScopeWithTheSharedState() throws Exception {
        AtomicReference<Scope> seen = new AtomicReference<>();
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            seen.set(scope);
            receive.receive();
            send.send(new LifespanStartupComplete());
            receive.receive();
            send.send(new LifespanShutdownComplete());
        }, LifespanMode.ON);

        Map<String, Object> state = lifespan.startup();
        LifespanScope scope = assertInstanceOf(LifespanScope.class, seen.get());
        assertEquals("lifespan", scope.type());
        assertEquals(AsgiVersion.LIFESPAN, scope.asgi());
        assertEquals("2.0", scope.asgi().specVersion());
        assertSame(state, scope.state());
        assertTrue(state.isEmpty());
        lifespan.shutdown();
    }

    @Test
    void offNeverCallsTheApplication() throws Exception {
        AtomicBoolean called = new AtomicBoolean();
        Lifespan lifespan = new Lifespan((scope, receive, send) -> called.set(true), LifespanMode.OFF);

        assertTrue(lifespan.startup().isEmpty());
        lifespan.shutdown();

        assertFalse(called.get());
        assertFalse(lifespan.supported());
        assertEquals(List.of(), log.lines());
    }

    @Test
    void autoTakesAnApplicationThatThrowsAsUnsupported() throws Exception {
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            throw new IllegalArgumentException("only http is supported");
        }, LifespanMode.AUTO);

        assertTrue(lifespan.startup().isEmpty());
        assertFalse(lifespan.supported());
        lifespan.shutdown();

        assertEquals(List.of(WAITING_STARTUP, UNSUPPORTED, STARTUP_COMPLETE), log.lines());
        assertNull(log.firstThrown());
    }

    @Test
    void onFailsStartupWhenTheApplicationThrows() throws Exception {
        IllegalArgumentException boom = new IllegalArgumentException("only http is supported");
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            throw boom;
        }, LifespanMode.ON);

        LifespanFailedException failure = assertThrows(LifespanFailedException.class, lifespan::startup);
        assertSame(boom, failure.getCause());
        assertEquals("Exception in 'lifespan' protocol", failure.getMessage());
        assertEquals(List.of(WAITING_STARTUP, EXCEPTION, STARTUP_FAILED), log.lines());
        assertSame(boom, log.firstThrown());

        lifespan.shutdown();
        assertEquals(3, log.lines().size(), "shutdown is skipped after a failed startup");
    }

    @ParameterizedTest(name = "{0}, throws afterwards: {1}")
    @CsvSource({"AUTO, false", "AUTO, true", "ON, false", "ON, true"})
    void startupFailedLogsTheMessageInEveryMode(LifespanMode mode, boolean throwsAfterwards) throws Exception {
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            receive.receive();
            send.send(new LifespanStartupFailed("database unreachable"));
            if (throwsAfterwards) {
                throw new IllegalStateException("database unreachable");
            }
        }, mode);

        LifespanFailedException failure = assertThrows(LifespanFailedException.class, lifespan::startup);
        assertEquals("database unreachable", failure.getMessage());
        assertNull(failure.getCause());
        assertEquals(List.of(WAITING_STARTUP, "SEVERE database unreachable", STARTUP_FAILED), log.lines());
    }

    @Test
    void startupFailedWithoutAMessageLogsOnlyTheExitLine() throws Exception {
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            receive.receive();
            send.send(new LifespanStartupFailed(""));
        }, LifespanMode.AUTO);

        LifespanFailedException failure = assertThrows(LifespanFailedException.class, lifespan::startup);
        assertEquals("Application startup failed.", failure.getMessage());
        assertEquals(List.of(WAITING_STARTUP, STARTUP_FAILED), log.lines());
    }

    @ParameterizedTest
    @EnumSource(value = LifespanMode.class, names = {"AUTO", "ON"})
    void shutdownFailedLogsTheMessageAndThrows(LifespanMode mode) throws Exception {
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            receive.receive();
            send.send(new LifespanStartupComplete());
            receive.receive();
            send.send(new LifespanShutdownFailed("could not flush the cache"));
        }, mode);

        lifespan.startup();
        LifespanFailedException failure = assertThrows(LifespanFailedException.class, lifespan::shutdown);
        assertEquals("could not flush the cache", failure.getMessage());
        assertEquals(List.of(WAITING_STARTUP, STARTUP_COMPLETE, WAITING_SHUTDOWN,
                "SEVERE could not flush the cache", SHUTDOWN_FAILED), log.lines());
    }

    @Test
    void onFailsShutdownWhenTheApplicationThrowsDuringIt() throws Exception {
        IllegalStateException boom = new IllegalStateException("pool already closed");
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            receive.receive();
            send.send(new LifespanStartupComplete());
            receive.receive();
            throw boom;
        }, LifespanMode.ON);

        lifespan.startup();
        LifespanFailedException failure = assertThrows(LifespanFailedException.class, lifespan::shutdown);
        assertSame(boom, failure.getCause());
        assertEquals(List.of(WAITING_STARTUP, STARTUP_COMPLETE, WAITING_SHUTDOWN, EXCEPTION, SHUTDOWN_FAILED),
                log.lines());
    }

    @Test
    void autoCompletesShutdownWhenTheApplicationThrowsDuringIt() throws Exception {
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            receive.receive();
            send.send(new LifespanStartupComplete());
            receive.receive();
            throw new IllegalStateException("pool already closed");
        }, LifespanMode.AUTO);

        lifespan.startup();
        lifespan.shutdown();
        assertEquals(List.of(WAITING_STARTUP, STARTUP_COMPLETE, WAITING_SHUTDOWN, UNSUPPORTED, SHUTDOWN_COMPLETE),
                log.lines());
    }

    @Test
    void anErrorAfterStartupCompletedSkipsShutdownWithoutChangingTheStartupVerdict() throws Exception {
        IllegalStateException boom = new IllegalStateException("background task died");
        CompletableFuture<Void> mayThrow = new CompletableFuture<>();
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            receive.receive();
            send.send(new LifespanStartupComplete());
            mayThrow.join();
            throw boom;
        }, LifespanMode.ON);

        lifespan.startup();
        mayThrow.complete(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> !lifespan.supported());
        lifespan.shutdown();

        assertEquals(List.of(WAITING_STARTUP, STARTUP_COMPLETE, EXCEPTION), log.lines());
        assertSame(boom, log.firstThrown());
    }

    @Test
    void anApplicationThatReturnsCountsAsCompleteForBothEvents() throws Exception {
        Lifespan lifespan = new Lifespan((scope, receive, send) -> received.add(receive.receive().type()),
                LifespanMode.ON);

        lifespan.startup();
        assertTrue(lifespan.supported());
        lifespan.shutdown();
        assertEquals(List.of("lifespan.startup"), received);
        assertEquals(List.of(WAITING_STARTUP, STARTUP_COMPLETE, WAITING_SHUTDOWN, SHUTDOWN_COMPLETE), log.lines());
    }

    @Test
    void sendsOutOfOrderOrOfTheWrongKindAreRejected() throws Exception {
        List<String> rejections = new CopyOnWriteArrayList<>();
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            receive.receive();
            rejections.add(assertThrows(IllegalStateException.class,
                    () -> send.send(new LifespanShutdownComplete())).getMessage());
            rejections.add(assertThrows(IllegalStateException.class,
                    () -> send.send(HttpResponseBody.of("hello"))).getMessage());
            send.send(new LifespanStartupComplete());
            rejections.add(assertThrows(IllegalStateException.class,
                    () -> send.send(new LifespanStartupComplete())).getMessage());
            rejections.add(assertThrows(IllegalStateException.class,
                    () -> send.send(new LifespanStartupFailed("late"))).getMessage());
            receive.receive();
            send.send(new LifespanShutdownComplete());
            rejections.add(assertThrows(IllegalStateException.class,
                    () -> send.send(new LifespanShutdownFailed("late"))).getMessage());
        }, LifespanMode.ON);

        lifespan.startup();
        lifespan.shutdown();

        // The last rejection happens after shutdown.complete, so shutdown() may return before it.
        await().atMost(Duration.ofSeconds(5)).until(() -> rejections.size() == 5);
        assertEquals(List.of(
                Lifespan.STATE_TRANSITION_ERROR + " lifespan.shutdown.complete was sent before startup had finished.",
                Lifespan.STATE_TRANSITION_ERROR + " http.response.body is not a lifespan message.",
                Lifespan.STATE_TRANSITION_ERROR + " lifespan.startup.complete was sent after startup had finished.",
                Lifespan.STATE_TRANSITION_ERROR + " lifespan.startup.failed was sent after startup had finished.",
                Lifespan.STATE_TRANSITION_ERROR + " lifespan.shutdown.failed was sent after shutdown had finished."),
                rejections);
        assertEquals(List.of(WAITING_STARTUP, STARTUP_COMPLETE, WAITING_SHUTDOWN, SHUTDOWN_COMPLETE), log.lines());
    }

    @Test
    void anUncaughtInvalidSendMakesTheProtocolUnsupportedInAuto() throws Exception {
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            receive.receive();
            send.send(new LifespanShutdownComplete());
        }, LifespanMode.AUTO);

        lifespan.startup();
        assertFalse(lifespan.supported());
        assertEquals(List.of(WAITING_STARTUP, UNSUPPORTED, STARTUP_COMPLETE), log.lines());
    }

    @Test
    void receiveAfterShutdownBlocksUntilTheScopeEnds() throws Exception {
        AtomicReference<Throwable> lastReceive = new AtomicReference<>();
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            receive.receive();
            send.send(new LifespanStartupComplete());
            receive.receive();
            send.send(new LifespanShutdownComplete());
            try {
                received.add(receive.receive().type());
            } catch (InterruptedException e) {
                lastReceive.set(e);
                throw e;
            }
        }, LifespanMode.ON);

        lifespan.startup();
        lifespan.shutdown();

        await().atMost(Duration.ofSeconds(5)).until(() -> lastReceive.get() != null);
        assertInstanceOf(InterruptedException.class, lastReceive.get());
        assertEquals(List.of(), received);
        assertEquals(List.of(WAITING_STARTUP, STARTUP_COMPLETE, WAITING_SHUTDOWN, SHUTDOWN_COMPLETE), log.lines());
    }

    @Test
    void receiveAfterAFailedStartupEndsToo() throws Exception {
        AtomicReference<Throwable> lastReceive = new AtomicReference<>();
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            receive.receive();
            send.send(new LifespanStartupFailed("no config"));
            try {
                receive.receive();
            } catch (InterruptedException e) {
                lastReceive.set(e);
            }
        }, LifespanMode.ON);

        assertThrows(LifespanFailedException.class, lifespan::startup);
        await().atMost(Duration.ofSeconds(5)).until(() -> lastReceive.get() != null);
    }

    @Test
    void runsAnAsyncApplication() throws Exception {
        Application app = Application.fromAsync((scope, receive, send) -> receive.receive()
                .thenCompose(startup -> {
                    scope.state().put("started", Boolean.TRUE);
                    return send.send(new LifespanStartupComplete());
                })
                .thenCompose(sent -> receive.receive())
                .thenCompose(shutdown -> send.send(new LifespanShutdownComplete()))
                .thenApply(sent -> (Void) null));
        Lifespan lifespan = new Lifespan(app, LifespanMode.ON);

        assertEquals(Map.of("started", Boolean.TRUE), lifespan.startup());
        lifespan.shutdown();
        assertEquals(List.of(WAITING_STARTUP, STARTUP_COMPLETE, WAITING_SHUTDOWN, SHUTDOWN_COMPLETE), log.lines());
    }

    @Test
    void anAsyncApplicationThatFailsIsUnsupportedInAuto() throws Exception {
        Application app = Application.fromAsync((scope, receive, send) ->
                CompletableFuture.failedFuture(new UnsupportedOperationException("lifespan")));
        Lifespan lifespan = new Lifespan(app, LifespanMode.AUTO);

        lifespan.startup();
        assertFalse(lifespan.supported());
        assertEquals(List.of(WAITING_STARTUP, UNSUPPORTED, STARTUP_COMPLETE), log.lines());
    }

    @Test
    void startupRunsOnlyOnce() throws Exception {
        Lifespan lifespan = new Lifespan(wellBehaved(), LifespanMode.AUTO);
        lifespan.startup();
        IllegalStateException e = assertThrows(IllegalStateException.class, lifespan::startup);
        assertEquals("Lifespan.startup() was already called", e.getMessage());
        lifespan.shutdown();
    }

    @Test
    void shutdownRequestedDuringStartupRunsOnceStartupHasFinished() throws Exception {
        CountDownLatch finishStartup = new CountDownLatch(1);
        AtomicBoolean waitingInStartup = new AtomicBoolean();
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            received.add(receive.receive().type());
            waitingInStartup.set(true);
            finishStartup.await();
            send.send(new LifespanStartupComplete());
            received.add(receive.receive().type());
            send.send(new LifespanShutdownComplete());
        }, LifespanMode.ON);

        CompletableFuture<Map<String, Object>> startup = CompletableFuture.supplyAsync(() -> call(lifespan::startup));
        await().atMost(Duration.ofSeconds(5)).untilTrue(waitingInStartup);
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> call(() -> {
            lifespan.shutdown();
            return null;
        }));
        assertFalse(startup.isDone());
        assertFalse(shutdown.isDone(), "the application has not even finished starting");

        finishStartup.countDown();
        startup.get(5, TimeUnit.SECONDS);
        shutdown.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("lifespan.startup", "lifespan.shutdown"), received);
        assertEquals(List.of(WAITING_STARTUP, STARTUP_COMPLETE, WAITING_SHUTDOWN, SHUTDOWN_COMPLETE), log.lines());
    }

    @Test
    void anInterruptedStartupEndsTheScopeAndSkipsShutdown() throws Exception {
        AtomicReference<Throwable> secondReceive = new AtomicReference<>();
        AtomicBoolean startupDelivered = new AtomicBoolean();
        Lifespan lifespan = new Lifespan((scope, receive, send) -> {
            receive.receive();
            startupDelivered.set(true);
            try {
                receive.receive(); // never answers startup, waits for more instead
            } catch (InterruptedException e) {
                secondReceive.set(e);
            }
        }, LifespanMode.ON);

        AtomicReference<Throwable> startupOutcome = new AtomicReference<>();
        Thread starter = Thread.ofPlatform().start(() -> {
            try {
                lifespan.startup();
            } catch (Exception e) {
                startupOutcome.set(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).untilTrue(startupDelivered);
        starter.interrupt();
        starter.join();

        assertInstanceOf(InterruptedException.class, startupOutcome.get());
        await().atMost(Duration.ofSeconds(5)).until(() -> secondReceive.get() != null);
        lifespan.shutdown();
        assertEquals(List.of(WAITING_STARTUP), log.lines());
    }

    private interface Blocking<T> {
        T run() throws Exception;
    }

    private static <T> T call(Blocking<T> blocking) {
        try {
            return blocking.run();
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    @Test
    void shutdownBeforeStartupOrTwiceDoesNothing() throws Exception {
        Lifespan lifespan = new Lifespan(wellBehaved(), LifespanMode.ON);
        lifespan.shutdown();
        assertEquals(List.of(), log.lines());

        lifespan.startup();
        lifespan.shutdown();
        lifespan.shutdown();
        assertEquals(List.of("lifespan.startup", "lifespan.shutdown"), received);
        assertEquals(List.of(WAITING_STARTUP, STARTUP_COMPLETE, WAITING_SHUTDOWN, SHUTDOWN_COMPLETE), log.lines());
    }
}
