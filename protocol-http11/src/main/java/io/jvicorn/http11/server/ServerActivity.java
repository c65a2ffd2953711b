package io.jvicorn.http11.server;

import io.jvicorn.http11.codec.Violation;
import io.jvicorn.observe.ServerObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Server-wide activity: the application generation being served, open connections and running application tasks
 * (for {@code --limit-concurrency}) and the total number of requests (for {@code --limit-max-requests}); and the one
 * place the HTTP and WebSocket layers tell the {@link ServerObserver} what happens.
 *
 * <p>Tasks are counted by their {@link AppGeneration}; the server's task count is the sum over the generations still
 * running some (the serving one and retired ones whose requests have not finished).
 */
public final class ServerActivity {
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final long maxRequests;
    /** The generation new requests start on; written by {@link #replace}, read once per request. */
    private volatile AppGeneration serving;
    /** The serving generation and retired ones that still ran tasks when last looked at; written under swapLock. */
    private volatile AppGeneration[] live;
    private final ReentrantLock swapLock = new ReentrantLock();
    /** Waiters for tasks to end wait here; signalled only while someone waits, so requests pay nothing. */
    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition idle = idleLock.newCondition();
    private volatile boolean awaitingIdle;
    private final @Nullable Runnable onMaxRequests;
    private final ServerObserver observer;

    /**
     * @param first         the generation served from the start
     * @param maxRequests   requests after which {@code onMaxRequests} runs once; 0 or less for no limit
     * @param onMaxRequests what to run when the limit is reached, or null
     */
    public ServerActivity(AppGeneration first, long maxRequests, @Nullable Runnable onMaxRequests) {
        this(first, maxRequests, onMaxRequests, ServerObserver.NONE);
    }

    /**
     * @param first         the generation served from the start
     * @param maxRequests   requests after which {@code onMaxRequests} runs once; 0 or less for no limit
     * @param onMaxRequests what to run when the limit is reached, or null
     * @param observer      told of connections, requests, parse errors and WebSocket sessions
     */
    public ServerActivity(AppGeneration first, long maxRequests, @Nullable Runnable onMaxRequests,
                          ServerObserver observer) {
        this.serving = first;
        this.live = new AppGeneration[] {first};
        this.maxRequests = maxRequests;
        this.onMaxRequests = onMaxRequests;
        this.observer = observer;
    }

    /** @return the observer the HTTP and WebSocket layers report to ({@link ServerObserver#NONE} for none) */
    public ServerObserver observer() {
        return observer;
    }

    /** Counts a connection in (its first handler does; one that takes over from it does not again). */
    public void connectionOpened() {
        connections.incrementAndGet();
        observer.connectionOpened();
    }

    /** A request broke a parsing rule (or a deadline) and is answered with its error. Loop thread. */
    void parseError(Violation violation) {
        observer.parseError(violation.name());
    }

    /**
     * Counts a connection out. The HTTP handler does this when its connection closes; a handler that took the
     * connection over (a WebSocket upgrade) does it instead when the connection finally closes.
     */
    public void connectionClosed() {
        connections.decrementAndGet();
        observer.connectionClosed();
    }

    /** @return the generation new requests start on (one volatile read) */
    public AppGeneration serving() {
        return serving;
    }

    /**
     * Starts a task on the serving generation.
     *
     * @return the generation it runs on; pass it to {@link #taskFinished}
     */
    public AppGeneration taskStarted() {
        AppGeneration generation = serving;
        while (!tryTaskStarted(generation)) {
            generation = serving; // retired meanwhile: its successor was made serving before
        }
        return generation;
    }

    /**
     * Starts a task on {@code generation} if it is not retired.
     *
     * @return false if it was retired; the task did not start
     */
    boolean tryTaskStarted(AppGeneration generation) {
        if (!generation.enter()) {
            signalIfAwaited(); // the failed entry may have been the last count a retirement waits for
            return false;
        }
        long n = requests.incrementAndGet();
        if (n == maxRequests && onMaxRequests != null) {
            onMaxRequests.run();
        }
        return true;
    }

    /**
     * An application task ended.
     *
     * @param generation what {@link #taskStarted} returned for it
     */
    public void taskFinished(AppGeneration generation) {
        if (generation.exit() == 0) {
            signalIfAwaited();
        }
    }

    private void signalIfAwaited() {
        if (awaitingIdle) {
            idleLock.lock();
            try {
                idle.signalAll();
            } finally {
                idleLock.unlock();
            }
        }
    }

    /**
     * Makes {@code next} the generation new requests start on and retires the one serving before. Requests already
     * running on the old one go on there; {@link #awaitRetired} waits for them.
     *
     * @param next the new generation
     * @return the retired generation
     */
    public AppGeneration replace(AppGeneration next) {
        swapLock.lock();
        try {
            AppGeneration old = serving;
            List<AppGeneration> running = new ArrayList<>();
            for (AppGeneration generation : live) {
                if (generation == old || generation.running() > 0) {
                    running.add(generation);
                }
            }
            running.add(next);
            live = running.toArray(AppGeneration[]::new); // before serving: tasks() never misses the new one
            serving = next;
            old.retire(); // after serving changed: a request that sees the mark then finds the successor
            return old;
        } finally {
            swapLock.unlock();
        }
    }

    /**
     * Waits until no task runs on a retired generation; then the server holds no reference to it any more.
     *
     * @param generation a generation {@link #replace} returned
     * @param timeout    how long at most; null waits as long as it takes
     * @return true if none runs
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitRetired(AppGeneration generation, @Nullable Duration timeout) throws InterruptedException {
        if (!generation.retired()) {
            throw new IllegalArgumentException("the generation still serves");
        }
        if (!await(() -> generation.running() == 0, timeout)) {
            return false;
        }
        swapLock.lock();
        try {
            List<AppGeneration> kept = new ArrayList<>(List.of(live));
            kept.remove(generation);
            live = kept.toArray(AppGeneration[]::new);
        } finally {
            swapLock.unlock();
        }
        return true;
    }

    /**
     * Waits until no application task runs, for shutdown: an application may still run after its connection closed
     * (the client left while it worked), and Uvicorn waits for it too.
     *
     * @param timeout how long at most; null waits as long as it takes
     * @return true if no task runs
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitNoTasks(@Nullable Duration timeout) throws InterruptedException {
        return await(() -> tasks() == 0, timeout);
    }

    private boolean await(BooleanSupplier done, @Nullable Duration timeout) throws InterruptedException {
        long left = timeout == null ? Long.MAX_VALUE : TimeUnit.NANOSECONDS.convert(timeout);
        idleLock.lock();
        try {
            awaitingIdle = true; // before looking: a task ending after the look sees it and signals
            while (!done.getAsBoolean()) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            return true;
        } finally {
            if (!idleLock.hasWaiters(idle)) {
                awaitingIdle = false;
            }
            idleLock.unlock();
        }
    }

    /**
     * Uvicorn's rule: refuse when connections or tasks have reached the limit.
     *
     * @param limit the limit
     * @return true if a new request must get 503
     */
    public boolean overLimit(int limit) {
        return connections.get() >= limit || tasks() >= limit;
    }

    /** @return open HTTP connections */
    public int connections() {
        return connections.get();
    }

    /** @return application tasks running now, on every generation */
    public int tasks() {
        int sum = 0;
        for (AppGeneration generation : live) {
            sum += generation.running();
        }
        return sum;
    }

    /** @return requests served since start */
    public long requests() {
        return requests.get();
    }
}
