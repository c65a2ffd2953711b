package io.jvicorn.http11.server;

import io.jvicorn.http11.codec.OutputBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free pool of output buffers shared by all connections, so a worker does not allocate one per burst
 * of requests and an idle connection keeps none. Not thread-local: virtual threads are short-lived, a thread-local
 * pool would be garbage per thread.
 */
final class OutputBufferPool {
    private static final int SLOTS = 64;
    private static final int PROBES = 4;
    /** Buffers whose copy area grew beyond this are dropped rather than kept. */
    private static final int MAX_RETAINED_BYTES = 16 * 1024;

    static final OutputBufferPool SHARED = new OutputBufferPool();

    private final AtomicReferenceArray<OutputBuffer> slots = new AtomicReferenceArray<>(SLOTS);

    OutputBuffer acquire() {
        int start = ThreadLocalRandom.current().nextInt(SLOTS);
        for (int i = 0; i < PROBES; i++) {
            OutputBuffer b = slots.getAndSet((start + i) & (SLOTS - 1), null);
            if (b != null) {
                return b;
            }
        }
        return new OutputBuffer();
    }

    void release(OutputBuffer buffer) {
        buffer.clear();
        if (buffer.retainedBytes() > MAX_RETAINED_BYTES) {
            return;
        }
        int start = ThreadLocalRandom.current().nextInt(SLOTS);
        for (int i = 0; i < PROBES; i++) {
            if (slots.compareAndSet((start + i) & (SLOTS - 1), null, buffer)) {
                return;
            }
        }
    }
}
