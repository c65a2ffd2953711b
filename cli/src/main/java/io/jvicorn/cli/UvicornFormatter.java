package io.jvicorn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats a record the way Uvicorn's default formatter does: {@code "INFO:     message"}, the level name and a colon
 * padded to ten characters, then the message, then the stack trace of any exception.
 */
final class UvicornFormatter extends Formatter {
    /** Uvicorn pads names to 8 characters, then adds the colon and a space; every name here has at most 8. */
    private static final int PREFIX_WIDTH = 10;

    @Override
    public String format(LogRecord record) {
        String level = LogLevel.uvicornName(record.getLevel());
        StringBuilder line = new StringBuilder(PREFIX_WIDTH + 80).append(level).append(':');
        while (line.length() < PREFIX_WIDTH) {
            line.append(' ');
        }
        line.append(formatMessage(record)).append(System.lineSeparator());
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }
}
