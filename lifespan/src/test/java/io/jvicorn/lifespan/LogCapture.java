package io.jvicorn.lifespan;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/** Collects what is logged to {@code jvicorn.error} at INFO and above, as "LEVEL message" lines. */
final class LogCapture extends Handler implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger("jvicorn.error");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Throwable> thrown = new CopyOnWriteArrayList<>();

    LogCapture() {
        setLevel(Level.INFO);
        LOGGER.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        lines.add(record.getLevel().getName() + " " + record.getMessage());
        Throwable t = record.getThrown();
        if (t != null) {
            thrown.add(t);
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Nullable Throwable firstThrown() {
        return thrown.isEmpty() ? null : thrown.get(0);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        LOGGER.removeHandler(this);
    }
}
