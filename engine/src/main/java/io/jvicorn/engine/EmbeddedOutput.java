package io.jvicorn.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The "socket send buffer" of an {@link EmbeddedTransport}: handlers write into it, the test takes from it. It holds at
 * most a set number of bytes, so writers park when it is full until the test takes output, as on a slow peer. All
 * state is guarded by one lock; writers never hold it while the test is blocked on anything else.
 */
final class EmbeddedOutput {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition taken = lock.newCondition();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int limit = Integer.MAX_VALUE;
    private boolean closed;
    private boolean shutDown;

    /** Writes everything, parking while full. */
    void write(ByteBuffer[] buffers) throws IOException {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw new InterruptedIOException("write interrupted");
        }
        try {
            while (true) {
                requireWritable();
                copyWhatFits(buffers);
                if (!hasRemaining(buffers)) {
                    return;
                }
                taken.await();
            }
        } catch (InterruptedException e) {
            throw new InterruptedIOException("write interrupted");
        } finally {
            lock.unlock();
        }
    }

    /** @return whether everything fitted; what did not stays in {@code buffers} */
    boolean tryWrite(ByteBuffer[] buffers) throws IOException {
        lock.lock();
        try {
            requireWritable();
            copyWhatFits(buffers);
            return !hasRemaining(buffers);
        } finally {
            lock.unlock();
        }
    }

    /** @return what was written so far, removed (which frees room for parked writers) */
    byte[] take() {
        lock.lock();
        try {
            byte[] out = bytes.toByteArray();
            bytes.reset();
            taken.signalAll();
            return out;
        } finally {
            lock.unlock();
        }
    }

    void limit(int capacity) {
        lock.lock();
        try {
            limit = capacity;
            taken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Output ended (a graceful close): later writes fail. */
    void shutDown() {
        lock.lock();
        try {
            shutDown = true;
            taken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The connection closed: parked and later writers fail. */
    void close() {
        lock.lock();
        try {
            closed = true;
            taken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void requireWritable() throws ConnectionClosedException {
        if (closed) {
            throw new ConnectionClosedException("connection closed");
        }
        if (shutDown) {
            throw new ConnectionClosedException("output already shut down");
        }
    }

    private void copyWhatFits(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            int room = limit - bytes.size();
            if (room <= 0) {
                return;
            }
            int n = Math.min(room, b.remaining());
            byte[] chunk = new byte[n];
            b.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
