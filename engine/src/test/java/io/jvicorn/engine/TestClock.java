package io.jvicorn.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when a test moves it; handed to a {@link SelectorLoop}. */
final class TestClock implements LongSupplier {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long getAsLong() {
        return now.get();
    }

    /** @return the new time */
    long advance(Duration by) {
        return now.addAndGet(by.toNanos());
    }
}
