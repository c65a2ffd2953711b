package io.jvicorn.cli;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** Writes each record to a stream and flushes, so log lines appear at once (ConsoleHandler is stderr-only). */
final class PrintStreamHandler extends Handler {
    private final PrintStream stream;

    PrintStreamHandler(PrintStream stream, boolean colors) {
        this(stream, new UvicornFormatter(colors));
    }

    PrintStreamHandler(PrintStream stream, Formatter formatter) {
        this.stream = stream;
        setFormatter(formatter);
        setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        stream.print(getFormatter().format(record));
        stream.flush();
    }

    @Override
    public void flush() {
        stream.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
