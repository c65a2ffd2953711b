package io.jvicorn.http2.server;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One stream's response parts on their way from its thread to the loop, one at a time: the thread {@link #submit}s a
 * part and parks until the loop has had the session take all of it ({@link #sent}), or the stream is gone
 * ({@link #fail}). So a stream waiting for the client's window parks its thread and holds at most one part. The part
 * that ends the stream is handed over without waiting ({@link #submitLast}).
 *
 * <p>Threads: {@link #submit} on the stream's thread, the rest on the loop; the fields are shared under {@link #lock}.
 */
final class PartHandoff {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The part the loop has yet to send all of; null when the stream's thread may hand over the next. */
    private @Nullable Outgoing outgoing;
    /** The stream was reset, ended or the connection closed: nothing more is sent. */
    private boolean gone;

    /** The part waiting to be sent, or null (loop thread). */
    @Nullable Outgoing outgoing() {
        lock.lock();
        try {
            return gone ? null : outgoing;
        } finally {
            lock.unlock();
        }
    }

    /** The session has taken the whole part (loop thread): the stream's thread goes on. */
    void sent() {
        lock.lock();
        try {
            outgoing = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Nothing more is sent: a waiting or later {@link #submit} returns false. */
    void fail() {
        lock.lock();
        try {
            gone = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return whether {@link #fail} was called */
    boolean isGone() {
        lock.lock();
        try {
            return gone;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands a part to the loop and waits until the session has taken it whole (windows permitting).
     *
     * @param part the part
     * @param pump runs the loop's side (posted to the loop by the caller's connection)
     * @return false when the stream went away before the part was sent whole
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    boolean submit(Outgoing part, Runnable pump) throws InterruptedException {
        if (!submitLast(part, pump)) {
            return false;
        }
        lock.lock();
        try {
            while (outgoing != null && !gone) {
                changed.await();
            }
            return outgoing == null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands over the part that ends the stream without waiting for it to be sent: nothing follows it, so the stream's
     * thread may finish (and not park and wake once more per response) while the loop sends it; the loop lets the
     * stream go once it is sent or gone.
     *
     * @param part the stream's last part
     * @param pump runs the loop's side (posted to the loop by the caller's connection)
     * @return false when the stream is gone already
     */
    boolean submitLast(Outgoing part, Runnable pump) {
        lock.lock();
        try {
            if (gone) {
                return false;
            }
            outgoing = part;
        } finally {
            lock.unlock();
        }
        pump.run();
        return true;
    }
}
