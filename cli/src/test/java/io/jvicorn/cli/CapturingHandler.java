package io.jvicorn.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/** A handler a log configuration file can name; remembers "logger: message" of every record, across instances. */
public final class CapturingHandler extends Handler {
    static final List<String> RECORDS = new CopyOnWriteArrayList<>();

    /** Created by java.util.logging from a class name. */
    public CapturingHandler() {
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            RECORDS.add(record.getLoggerName() + ": " + record.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
