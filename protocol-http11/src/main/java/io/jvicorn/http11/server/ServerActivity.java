package io.jvicorn.http11.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    private final @Nullable Runnable onMaxRequests;

    /**
     * @param maxRequests   requests after which {@code onMaxRequests} runs once; 0 or less for no limit
     * @param onMaxRequests what to run when the limit is reached, or null
     */
    public ServerActivity(long maxRequests, @Nullable Runnable onMaxRequests) {
        this.maxRequests = maxRequests;
        this.onMaxRequests = onMaxRequests;
    }

    void connectionOpened() {
        connections.incrementAndGet();
    }

    /**
     * Counts a connection out. The HTTP handler does this when its connection closes; a handler that took the
     * connection over (a WebSocket upgrade) does it instead when the connection finally closes.
     */
    public void connectionClosed() {
        connections.decrementAndGet();
    }

    void taskStarted() {
        tasks.incrementAndGet();
        long n = requests.incrementAndGet();
        if (n == maxRequests && onMaxRequests != null) {
            onMaxRequests.run();
        }
    }

    void taskFinished() {
        tasks.decrementAndGet();
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
