package io.jvicorn.websocket.server;

import io.jvicorn.engine.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one way out to the socket. {@link Transport#write} allows one writer at a time and parks it while the socket is
 * full, so the application's sends hold {@link #lock()} while they write (a {@link ReentrantLock}: a parked virtual
 * thread holding it releases its carrier). The selector loop must never park, so its frames (pongs, close frames, the
 * keepalive ping, an HTTP/2 stream's refusal during shutdown) go into a queue that whoever holds the lock drains before
 * releasing it; when nobody holds it, a short-lived virtual thread does.
 */
final class FrameWriter {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final String DRAINER_NAME = "jvicorn-ws-writer";
    /** Queued after the last frame: close the connection (end the HTTP/2 stream) once all before it is written. */
    private static final WireAction CLOSE_CONNECTION = () -> { };

    private final Transport connection;
    private final Runnable onConnectionClosing;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<WireAction> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainerRunning = new AtomicBoolean();

    /**
     * @param connection          the socket
     * @param onConnectionClosing runs when the queued close is carried out
     */
    FrameWriter(Transport connection, Runnable onConnectionClosing) {
        this.connection = connection;
        this.onConnectionClosing = onConnectionClosing;
    }

    /**
     * Takes the right to write, waiting for the current writer.
     *
     * @throws InterruptedException if the waiting thread is interrupted (the application was cancelled)
     */
    void lockInterruptibly() throws InterruptedException {
        lock.lockInterruptibly();
    }

    /** Takes the right to write, waiting for the current writer; not interruptible. */
    void lock() {
        lock.lock();
    }

    /** Writes what the loop queued meanwhile, then gives up the right to write. */
    void unlock() {
        try {
            drain();
        } finally {
            lock.unlock();
        }
        if (!queued.isEmpty()) {
            startDrainer();
        }
    }

    /**
     * Writes bytes now; the caller holds the lock.
     *
     * @param buffers the bytes
     * @throws IOException as {@link Transport#write(ByteBuffer[])}
     */
    void write(ByteBuffer... buffers) throws IOException {
        connection.write(buffers);
    }

    /**
     * Queues a complete frame (or HTTP response) for writing after whatever is being written now; any thread.
     *
     * @param bytes the bytes, owned by the writer from now on
     */
    void enqueue(byte[] bytes) {
        enqueue(() -> connection.write(ByteBuffer.wrap(bytes)));
    }

    /**
     * Queues a write (an HTTP/2 stream's response head, say) after whatever is being written now; any thread.
     *
     * @param action what writes
     */
    void enqueue(WireAction action) {
        queued.add(action);
        startDrainer();
    }

    /** Queues a graceful close of the TCP connection after everything queued before it; any thread. */
    void enqueueClose() {
        enqueue(CLOSE_CONNECTION);
    }

    private void startDrainer() {
        if (drainerRunning.compareAndSet(false, true)) {
            // On the connection's carriers: a pong queued before a message's echo is written before it.
            connection.startVirtualThread(DRAINER_NAME, this::runDrainer);
        }
    }

    private void runDrainer() {
        do {
            lock.lock();
            try {
                drain();
            } finally {
                lock.unlock();
                drainerRunning.set(false);
            }
        } while (!queued.isEmpty() && drainerRunning.compareAndSet(false, true));
    }

    /** Lock held. A failed write closes the connection; whatever else is queued is dropped. */
    private void drain() {
        WireAction next;
        while ((next = queued.poll()) != null) {
            if (next == CLOSE_CONNECTION) {
                onConnectionClosing.run();
                connection.closeGracefully();
                continue;
            }
            if (!connection.isOpen()) {
                continue;
            }
            try {
                next.run();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "WebSocket control frame not written: {0}", e.getMessage());
                connection.close();
            }
        }
    }
}
