package io.jvicorn.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopCarriersTest {
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(100);

    private static SelectorLoop loop(String name, boolean carry) {
        return new SelectorLoop(name, c -> {
            throw new AssertionError("no connection in this test");
        }, new ConnectionCounter(), TICK, null, carry);
    }

    private @Nullable SelectorLoop started;

    /** @return a started loop that carries its virtual threads, stopped after the test */
    private SelectorLoop startedLoop(String name) {
        SelectorLoop loop = loop(name, true);
        loop.start();
        started = loop;
        return loop;
    }

    @AfterEach
    void stopLoop() throws InterruptedException {
        if (started != null) {
            started.stop();
            started.join(10_000);
        }
    }

    /** @return the name of the thread carrying the calling virtual thread (its toString ends in "@carrier") */
    private static String carrier() {
        String self = Thread.currentThread().toString();
        return self.substring(self.lastIndexOf('@') + 1);
    }

    @Test
    void aThreadTheLoopStartsAndWakesRunsOnTheLoop() throws Exception {
        // The tests open java.lang, as the jvicorn jar does (surefire's argLine).
        assertTrue(LoopCarriers.available());
        SelectorLoop loop = startedLoop("carrier-loop");
        List<String> carriers = new CopyOnWriteArrayList<>();
        Thread t = loop.virtualThreads().newThread(() -> {
            carriers.add(carrier());
            LockSupport.park(); // unmounts; the loop goes on meanwhile
            carriers.add(carrier());
        });
        assertTrue(t.isVirtual());
        loop.execute(t::start);
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING);
        loop.execute(() -> LockSupport.unpark(t)); // as a connection's event wakes its request's thread
        assertTrue(t.join(Duration.ofSeconds(10)));
        assertEquals(List.of("carrier-loop", "carrier-loop"), carriers);
    }

    @Test
    void aThreadWokenByAnotherThreadRunsOnThePoolUntilItsLoopWakesItAgain() throws Exception {
        SelectorLoop loop = startedLoop("shared-loop");
        List<String> carriers = new CopyOnWriteArrayList<>();
        Thread t = loop.virtualThreads().newThread(() -> {
            carriers.add(carrier());
            LockSupport.park();
            carriers.add(carrier()); // woken by the test's thread, as the JDK's poller wakes a JDBC call
            LockSupport.park();
            carriers.add(carrier()); // woken by the loop again
        });
        loop.execute(t::start);
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING);
        LockSupport.unpark(t);
        await().atMost(Duration.ofSeconds(10)).until(() -> carriers.size() == 2
                && t.getState() == Thread.State.WAITING);
        loop.execute(() -> LockSupport.unpark(t));
        assertTrue(t.join(Duration.ofSeconds(10)));
        assertEquals("shared-loop", carriers.get(0));
        assertTrue(carriers.get(1).startsWith("jvicorn-carrier-"), carriers.get(1));
        assertEquals("shared-loop", carriers.get(2));
    }

    @Test
    void aThreadOnTheLoopWakesAnotherOntoTheLoop() throws Exception {
        SelectorLoop loop = startedLoop("waking-loop");
        CompletableFuture<String> woken = new CompletableFuture<>();
        Thread sleeper = loop.virtualThreads().newThread(() -> {
            LockSupport.park();
            woken.complete(carrier());
        });
        Thread waker = loop.virtualThreads().newThread(() -> LockSupport.unpark(sleeper));
        loop.execute(sleeper::start);
        await().atMost(Duration.ofSeconds(10)).until(() -> sleeper.getState() == Thread.State.WAITING);
        loop.execute(waker::start);
        assertEquals("waking-loop", woken.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aThreadTheEndingLoopWakesFinishesOnThePool() throws Exception {
        SelectorLoop loop = loop("ending-loop", true);
        loop.start();
        CompletableFuture<String> after = new CompletableFuture<>();
        Thread t = loop.virtualThreads().newThread(() -> {
            LockSupport.park();
            after.complete(carrier());
        });
        loop.execute(t::start);
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING);
        // The inner task runs after the loop has left its last pass (tasks queued by a task wait for the next one), as
        // a connection closed at the end wakes its thread: the loop queues it, then hands it to the pool.
        loop.execute(() -> {
            loop.stop();
            loop.execute(() -> LockSupport.unpark(t));
        });
        loop.join(10_000);
        assertTrue(t.join(Duration.ofSeconds(10)), "a continuation was stranded on the ended loop");
        assertTrue(after.get().startsWith("jvicorn-carrier-"), after.get());
    }

    @Test
    void withoutCarryingTheJdkPoolRunsThem() throws Exception {
        SelectorLoop loop = loop("plain-loop", false);
        CompletableFuture<String> carrier = new CompletableFuture<>();
        loop.virtualThreads().newThread(() -> carrier.complete(carrier())).start();
        assertTrue(carrier.get(10, TimeUnit.SECONDS).startsWith("ForkJoinPool"), carrier.get());
    }
}
