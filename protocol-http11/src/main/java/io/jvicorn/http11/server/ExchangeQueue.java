package io.jvicorn.http11.server;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The one place where a connection's selector loop and its worker virtual thread meet: the loop adds exchanges in
 * request order, the worker takes and runs them. Every field here is shared; everything else of a connection has one
 * owning thread (see docs/architecture.md, "Who owns what").
 *
 * <p>The close rule lives here. Once the worker decides that the connection closes after the response it is writing
 * ({@link #stopAccepting()}, called before that response's last bytes go out), {@link #offer} refuses every later
 * exchange and {@link #poll} hands out none, so no request is processed after a response that says
 * {@code connection: close} (RFC 9112 §9.6), whichever thread sees the other first.
 */
final class ExchangeQueue {
    /** Requests parsed ahead of their responses before the loop stops reading. */
    static final int MAX_PIPELINE = 16;

    private final ConcurrentLinkedQueue<Exchange> ready = new ConcurrentLinkedQueue<>();
    /** Exchanges accepted and not yet finished (queued or running). */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean workerActive = new AtomicBoolean();
    private volatile boolean accepting = true;
    /** The connection closed: queued requests are dropped, but the current one still runs and sees the disconnect. */
    private volatile boolean gone;
    private volatile boolean shuttingDown;
    /** Set by the loop when it must hear of every finished exchange (input ended, pipeline full, shutdown). */
    private volatile boolean loopWaiting;
    private volatile @Nullable Exchange running;
    /** When the last exchange finished or the last byte arrived, on the transport's clock. */
    private volatile long lastActivity;

    ExchangeQueue(long now) {
        this.lastActivity = now;
    }

    // ---------------------------------------------------------------- loop side

    /**
     * Queues an exchange. Loop thread.
     *
     * @return false if the connection is closing after an earlier response: the exchange must be dropped unprocessed
     * @param startWorker run when no worker is active, to start one
     */
    boolean offer(Exchange exchange, Runnable startWorker) {
        if (!accepting) {
            return false;
        }
        inFlight.incrementAndGet();
        ready.add(exchange);
        if (!accepting) {
            // The worker stopped accepting between our check and the add: take it back, unless its drain did.
            if (ready.remove(exchange)) {
                inFlight.decrementAndGet();
            }
            return false;
        }
        if (workerActive.compareAndSet(false, true)) {
            startWorker.run();
        }
        return true;
    }

    /** @return true while a worker may be running or about to run */
    boolean workerActive() {
        return workerActive.get();
    }

    /** Asks (or stops asking) to be told of every finished exchange (see {@link #finished}). Loop thread. */
    void loopWaits(boolean waits) {
        loopWaiting = waits;
    }

    void shutDown() {
        shuttingDown = true;
    }

    /**
     * Claims the connection's output for an answer on the loop thread, if no worker has it and no response closed the
     * connection. Loop thread. Checked after the claim: a worker stops accepting before it gives the flag up.
     */
    boolean claimForInline() {
        if (inFlight.get() != 0 || !workerActive.compareAndSet(false, true)) {
            return false;
        }
        if (!accepting) {
            workerActive.set(false);
            return false;
        }
        return true;
    }

    void releaseInline() {
        workerActive.set(false);
    }

    // ---------------------------------------------------------------- worker side

    /**
     * @return the next exchange to run; null when there is none, or when a response closed the connection (then no
     *         later request runs). After the client went away only the request it was waiting for runs (as Uvicorn's
     *         current cycle does), to see {@code http.disconnect}; those pipelined behind it are dropped.
     */
    @Nullable Exchange poll() {
        while (true) {
            if (!accepting && !gone) {
                return null;
            }
            Exchange next = ready.poll();
            running = next;
            if (next == null || !gone || next.runsAfterDisconnect) {
                if (next != null && !accepting) {
                    next.disconnect(); // closed while we took it: disconnectAll may have read `running` before
                }
                return next;
            }
            running = null;
            next.drop();
            inFlight.decrementAndGet();
        }
    }

    /** @return whether more exchanges wait, so a response may wait to be written with theirs */
    boolean hasQueued() {
        return !ready.isEmpty();
    }

    /** No exchange after the current one runs: the connection closes after its response. Any thread. */
    void stopAccepting() {
        accepting = false;
    }

    /**
     * The running exchange is done. Worker thread.
     *
     * @param now the transport's clock
     * @return whether the loop asked to hear of it
     */
    boolean finished(long now) {
        running = null;
        lastActivity = now;
        if (!accepting) {
            Exchange dropped;
            while ((dropped = ready.poll()) != null) {
                dropped.drop();
                inFlight.decrementAndGet();
            }
        }
        inFlight.decrementAndGet();
        return loopWaiting;
    }

    /**
     * The worker is about to end. Worker thread.
     *
     * @return true if exchanges arrived meanwhile and this worker took them back, so it must go on
     */
    boolean releaseWorker() {
        workerActive.set(false);
        return (accepting || gone) && !ready.isEmpty() && workerActive.compareAndSet(false, true);
    }

    // ---------------------------------------------------------------- either side

    boolean isAccepting() {
        return accepting;
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    int inFlight() {
        return inFlight.get();
    }

    long lastActivity() {
        return lastActivity;
    }

    void touch(long now) {
        lastActivity = now;
    }

    /**
     * The connection is gone: every exchange sees {@code http.disconnect}. With {@code cancel} (the graceful shutdown
     * timed out) the running one is stopped and none other runs; otherwise the one the client was waiting for still
     * runs if no other is running. Loop thread.
     */
    void disconnectAll(boolean cancel) {
        Exchange current = running;
        if (!cancel && current == null && accepting) {
            Exchange first = ready.peek();
            if (first != null) {
                first.runsAfterDisconnect = true;
            }
        }
        gone = !cancel;
        accepting = false;
        current = running;
        if (current != null) {
            if (cancel) {
                current.cancel();
            } else {
                current.disconnect();
            }
        }
        for (Exchange e : ready) {
            e.disconnect();
        }
    }
}
