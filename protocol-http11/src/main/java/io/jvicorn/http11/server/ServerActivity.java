package io.jvicorn.http11.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Server-wide counters: open connections and running application tasks (for {@code --limit-concurrency}) and the
 * total number of requests (for {@code --limit-max-requests}).
 */
public final class ServerActivity {
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger tasks = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final long maxRequests;
    /** Shutdown waits here for the last task; signalled only while someone waits, so requests pay nothing. */
    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition idle = idleLock.newCondition();
    private volatile boolean awaitingIdle;
    private final @Nullable Runnable onMaxRequests;

    /**
     * @param maxRequests   requests after which {@code onMaxRequests} runs once; 0 or less for no limit
     * @param onMaxRequests what to run when the limit is reached, or null
     */
    public ServerActivity(long maxRequests, @Nullable Runnable onMaxRequests) {
        this.maxRequests = maxRequests;
        this.onMaxRequests = onMaxRequests;
    }

    /** Counts a connection in (its first handler does; one that takes over from it does not again). */
    public void connectionOpened() {
        connections.incrementAndGet();
    }

    /**
     * Counts a connection out. The HTTP handler does this when its connection closes; a handler that took the
     * connection over (a WebSocket upgrade) does it instead when the connection finally closes.
     */
    public void connectionClosed() {
        connections.decrementAndGet();
    }

    /** An application task starts (one per request or stream); counts towards {@code --limit-max-requests}. */
    public void taskStarted() {
        tasks.incrementAndGet();
        long n = requests.incrementAndGet();
        if (n == maxRequests && onMaxRequests != null) {
            onMaxRequests.run();
        }
    }

    /** An application task ended. */
    public void taskFinished() {
        if (tasks.decrementAndGet() == 0 && awaitingIdle) {
            idleLock.lock();
            try {
                idle.signalAll();
            } finally {
                idleLock.unlock();
            }
        }
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
        long left = timeout == null ? Long.MAX_VALUE : TimeUnit.NANOSECONDS.convert(timeout);
        idleLock.lock();
        try {
            awaitingIdle = true;
            while (tasks.get() > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            return true;
        } finally {
            awaitingIdle = false;
            idleLock.unlock();
        }
    }

    /**
     * Uvicorn's rule: refuse when connections or tasks have reached the limit.
     *
     * @param limit the limit
     * @return true if a new request must get 503
     */
    boolean overLimit(int limit) {
        return connections.get() >= limit || tasks.get() >= limit;
    }

    /** @return open HTTP connections */
    public int connections() {
        return connections.get();
    }

    /** @return application tasks running now */
    public int tasks() {
        return tasks.get();
    }

    /** @return requests served since start */
    public long requests() {
        return requests.get();
    }
}
