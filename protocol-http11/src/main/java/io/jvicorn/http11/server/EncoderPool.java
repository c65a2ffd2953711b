package io.jvicorn.http11.server;

import io.jvicorn.http11.codec.DefaultHeaders;
import io.jvicorn.http11.codec.ResponseEncoder;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Response encoders shared by all connections, lock-free like {@link OutputBufferPool}: a worker or an inline answer
 * takes one for its run and gives it back, so idle connections hold none.
 */
final class EncoderPool {
    private static final int SLOTS = 64;
    private static final int PROBES = 4;
    private static final AtomicReferenceArray<ResponseEncoder> POOL = new AtomicReferenceArray<>(SLOTS);

    private EncoderPool() {
    }

    static ResponseEncoder take(DefaultHeaders defaults) {
        int start = ThreadLocalRandom.current().nextInt(SLOTS);
        for (int i = 0; i < PROBES; i++) {
            ResponseEncoder e = POOL.getAndSet((start + i) & (SLOTS - 1), null);
            if (e != null) {
                if (e.defaults() == defaults) {
                    return e;
                }
            }
        }
        return new ResponseEncoder(defaults);
    }

    static void give(ResponseEncoder encoder) {
        int start = ThreadLocalRandom.current().nextInt(SLOTS);
        for (int i = 0; i < PROBES; i++) {
            if (POOL.compareAndSet((start + i) & (SLOTS - 1), null, encoder)) {
                return;
            }
        }
    }
}
