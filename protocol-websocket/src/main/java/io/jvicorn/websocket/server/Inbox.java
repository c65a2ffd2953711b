package io.jvicorn.websocket.server;

import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.WebSocketDisconnect;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Complete messages (and pongs, for an application that pings) on their way from the selector loop to the
 * application, then the final
 * {@code websocket.disconnect}. The loop never waits here: it stops decoding (and reading) while
 * {@link #isFull()}, and {@code onRoom} tells it when the application has made room again.
 */
final class Inbox {
    private final int capacity;
    private final Runnable onRoom;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ReceiveEvent> messages = new ArrayDeque<>();
    private @Nullable WebSocketDisconnect end;
    private boolean loopWaitsForRoom;

    /**
     * @param capacity messages held before the loop must stop
     * @param onRoom   runs (on the taking thread, outside the lock) when a full inbox has room again
     */
    Inbox(int capacity, Runnable onRoom) {
        this.capacity = capacity;
        this.onRoom = onRoom;
    }

    /**
     * Adds a message; loop thread. Ignored once the inbox is finished.
     *
     * @param message the message
     * @return true if the inbox is now full, so the loop must stop decoding until {@code onRoom} runs
     */
    boolean offer(ReceiveEvent message) {
        lock.lock();
        try {
            if (end != null) {
                return false;
            }
            messages.add(message);
            changed.signal();
            return isFullLocked();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the loop must not add more messages now; if so, {@code onRoom} runs once there is room */
    boolean isFull() {
        lock.lock();
        try {
            return isFullLocked();
        } finally {
            lock.unlock();
        }
    }

    private boolean isFullLocked() {
        if (messages.size() >= capacity) {
            loopWaitsForRoom = true;
            return true;
        }
        return false;
    }

    /**
     * Ends the stream: messages already queued are still delivered, then {@code disconnect} for every later call.
     * Only the first call counts.
     *
     * @param disconnect the final event
     */
    void finish(WebSocketDisconnect disconnect) {
        lock.lock();
        try {
            if (end == null) {
                end = disconnect;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return whether {@link #finish} was called */
    boolean isFinished() {
        lock.lock();
        try {
            return end != null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next message, or the final disconnect once the queue is drained; blocks the calling virtual thread.
     *
     * @return the event
     * @throws InterruptedException if the server cancelled the application
     */
    ReceiveEvent take() throws InterruptedException {
        ReceiveEvent event;
        boolean room = false;
        lock.lockInterruptibly();
        try {
            while (messages.isEmpty() && end == null) {
                changed.await();
            }
            ReceiveEvent next = messages.poll();
            if (next != null) {
                event = next;
                if (loopWaitsForRoom && messages.size() < capacity) {
                    loopWaitsForRoom = false;
                    room = true;
                }
            } else {
                event = end;
            }
        } finally {
            lock.unlock();
        }
        if (room) {
            onRoom.run();
        }
        assert event != null;
        return event;
    }
}
