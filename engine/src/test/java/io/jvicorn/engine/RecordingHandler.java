package io.jvicorn.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A handler that records what the engine tells it: the bytes in arrival order, how often each callback ran, and any
 * callback that did not run on the connection's loop thread. Tests subclass it and override the hooks (which run on
 * the loop, after the recording).
 */
class RecordingHandler implements ConnectionHandler {
    final Connection connection;
    final AtomicInteger dataCalls = new AtomicInteger();
    final AtomicInteger inputClosed = new AtomicInteger();
    final AtomicInteger ticks = new AtomicInteger();
    final AtomicLong lastTick = new AtomicLong();
    final AtomicInteger shutdowns = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    /** Callbacks that ran off the loop thread (must stay empty). */
    final List<String> offLoop = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    RecordingHandler(Connection connection) {
        this.connection = connection;
    }

    @Override
    public final void onData(ByteBuffer in) {
        checkLoop("onData");
        dataCalls.incrementAndGet();
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        synchronized (received) {
            received.writeBytes(bytes);
        }
        data(bytes);
    }

    @Override
    public final void onInputClosed() {
        checkLoop("onInputClosed");
        inputClosed.incrementAndGet();
        inputEnded();
    }

    @Override
    public final void onTick(long nowNanos) {
        checkLoop("onTick");
        lastTick.set(nowNanos);
        ticks.incrementAndGet();
        tick(nowNanos);
    }

    @Override
    public final void onShutdown() {
        checkLoop("onShutdown");
        shutdowns.incrementAndGet();
        shutdown();
    }

    @Override
    public final void onCancel() {
        checkLoop("onCancel");
        cancels.incrementAndGet();
        cancel();
    }

    @Override
    public final void onClosed() {
        checkLoop("onClosed");
        closed.incrementAndGet();
        closedHook();
    }

    /** @return every byte received so far, in order */
    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    int receivedCount() {
        synchronized (received) {
            return received.size();
        }
    }

    private void checkLoop(String callback) {
        if (!connection.loop().inLoop()) {
            offLoop.add(callback + " on " + Thread.currentThread());
        }
    }

    // Hooks, on the loop thread.

    void data(byte[] bytes) {
    }

    void inputEnded() {
    }

    void tick(long nowNanos) {
    }

    void shutdown() {
    }

    void cancel() {
    }

    void closedHook() {
    }
}
