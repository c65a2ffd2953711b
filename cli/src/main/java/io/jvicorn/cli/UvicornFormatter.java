package io.jvicorn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats a record the way Uvicorn's default formatter does: {@code "INFO:     message"}, the level name and a colon
 * padded to ten characters, then the message, then the stack trace of any exception. With colours the level name is
 * coloured as Uvicorn colours it; the padding still counts only the name.
 *
 * <p>Public so that a {@code --log-config} file can name it, e.g.
 * {@code java.util.logging.ConsoleHandler.formatter = io.jvicorn.cli.UvicornFormatter}.
 */
public final class UvicornFormatter extends Formatter {
    /** Uvicorn pads names to 8 characters, then adds the colon and a space; every name here has at most 8. */
    private static final int PREFIX_WIDTH = 10;

    private final boolean colors;

    /** Without colours, for log configuration files. */
    public UvicornFormatter() {
        this(false);
    }

    /** @param colors whether the level name carries ANSI colours */
    UvicornFormatter(boolean colors) {
        this.colors = colors;
    }

    @Override
    public String format(LogRecord record) {
        String level = LogLevel.uvicornName(record.getLevel());
        StringBuilder line = new StringBuilder(PREFIX_WIDTH + 80)
                .append(colors ? TerminalColors.levelName(level, record.getLevel()) : level).append(':');
        for (int width = level.length() + 1; width < PREFIX_WIDTH; width++) {
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
