package io.jvicorn.http11.server;

import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.ReceiveEvent;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The bounded hand-off of one request's body from the selector loop (producer) to the application (consumer), and
 * the place where {@code http.disconnect} comes from. Above {@link #HIGH_WATER} unread bytes the loop stops reading
 * the socket; once the application has read down to {@link #LOW_WATER} it asks the loop to read again.
 */
public final class RequestBody {
    /** Unread bytes above which the loop stops reading (Uvicorn's HIGH_WATER_LIMIT). */
    static final int HIGH_WATER = 64 * 1024;
    /** Unread bytes at or below which reading resumes. */
    static final int LOW_WATER = 16 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Created by the first chunk: most requests have no body (a request's own allocations are kept to a minimum). */
    private @Nullable ArrayDeque<byte[]> chunks;
    private int buffered;
    private boolean complete;
    private boolean finalDelivered;
    private boolean finished;
    private boolean producerPaused;

    /**
     * A body hand-off.
     *
     * @param complete whether the request has no body (its end has arrived)
     */
    public RequestBody(boolean complete) {
        this.complete = complete;
    }

    /**
     * Adds a chunk (loop thread).
     *
     * @return true if the loop must stop reading until {@link #take} brings it back
     */
    public boolean offer(byte[] chunk) {
        lock.lock();
        try {
            if (finished) {
                return false;
            }
            ArrayDeque<byte[]> queue = chunks;
            if (queue == null) {
                queue = new ArrayDeque<>(4);
                chunks = queue;
            }
            queue.add(chunk);
            buffered += chunk.length;
            changed.signalAll();
            if (buffered > HIGH_WATER) {
                producerPaused = true;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** The whole body has arrived (loop thread). */
    public void complete() {
        lock.lock();
        try {
            complete = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The client is gone or the response is complete: every later receive gets {@code http.disconnect}.
     *
     * @return the buffered bytes dropped, never delivered (HTTP/2 gives them back to its flow-control window)
     */
    public int finish() {
        lock.lock();
        try {
            finished = true;
            int dropped = buffered;
            chunks = null;
            buffered = 0;
            changed.signalAll();
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest buffered chunk, or null; under the lock. */
    private byte @Nullable [] pollChunk() {
        ArrayDeque<byte[]> queue = chunks;
        return queue == null ? null : queue.poll();
    }

    /** Whether no chunk is buffered; under the lock. */
    private boolean noChunks() {
        ArrayDeque<byte[]> queue = chunks;
        return queue == null || queue.isEmpty();
    }

    boolean isComplete() {
        lock.lock();
        try {
            return complete;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the application has not yet been told the body ended, so nothing has waited on it yet. */
    boolean nothingDelivered() {
        lock.lock();
        try {
            return !finalDelivered && !finished;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next event if one is available without waiting. Used only for requests whose whole body has arrived and
     * stays below the pause mark, so the producer never needs resuming.
     *
     * @return the event, or null if {@link #take} would wait
     */
    @Nullable ReceiveEvent poll() {
        lock.lock();
        try {
            if (finished) {
                return HttpDisconnect.INSTANCE;
            }
            byte[] chunk = pollChunk();
            if (chunk != null) {
                buffered -= chunk.length;
                boolean last = complete && noChunks();
                finalDelivered = last;
                return new HttpRequest(chunk, !last);
            }
            if (complete && !finalDelivered) {
                finalDelivered = true;
                return HttpRequest.EMPTY;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until an event is available (application thread).
     *
     * @param resumeProducer run (outside the lock) when the loop had paused and may read again
     * @param beforeWait     run (outside the lock) once before the first wait, to flush pending output
     * @return the event
     * @throws InterruptedException if interrupted while waiting
     */
    public ReceiveEvent take(Runnable resumeProducer, Runnable beforeWait) throws InterruptedException {
        boolean flushed = false;
        while (true) {
            boolean resume = false;
            ReceiveEvent event = null;
            lock.lock();
            try {
                if (finished) {
                    event = HttpDisconnect.INSTANCE;
                } else if (!noChunks()) {
                    byte[] chunk = pollChunk();
                    assert chunk != null;
                    buffered -= chunk.length;
                    boolean last = complete && noChunks();
                    finalDelivered = last;
                    if (producerPaused && buffered <= LOW_WATER) {
                        producerPaused = false;
                        resume = true;
                    }
                    event = new HttpRequest(chunk, !last);
                } else if (complete && !finalDelivered) {
                    finalDelivered = true;
                    event = HttpRequest.EMPTY;
                } else if (flushed) {
                    changed.await();
                    continue;
                }
            } finally {
                lock.unlock();
            }
            if (resume) {
                resumeProducer.run();
            }
            if (event != null) {
                return event;
            }
            beforeWait.run();
            flushed = true;
        }
    }
}
