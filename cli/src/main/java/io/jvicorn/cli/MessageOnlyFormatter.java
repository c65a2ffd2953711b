package io.jvicorn.cli;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Writes a record's message alone, then a line separator: no level prefix, so that each line of
 * {@code --access-log-format json} is one JSON object that a log shipper parses as it is.
 *
 * <p>Public so that a {@code --log-config} file can name it, e.g.
 * {@code java.util.logging.FileHandler.formatter = io.jvicorn.cli.MessageOnlyFormatter}.
 */
public final class MessageOnlyFormatter extends Formatter {
    /** For log configuration files and jvicorn's own access handler. */
    public MessageOnlyFormatter() {
    }

    @Override
    public String format(LogRecord record) {
        return formatMessage(record) + System.lineSeparator();
    }
}
