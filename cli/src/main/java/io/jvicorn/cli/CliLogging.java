package io.jvicorn.cli;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sets up {@code java.util.logging} like Uvicorn's default logging config: everything to stderr except the access log
 * ({@code jvicorn.access}), which goes to stdout, all in {@link UvicornFormatter}'s layout.
 */
final class CliLogging {
    /** The server's log; jvicorn's System.Logger calls land here through java.util.logging. */
    static final String ERROR_LOGGER = "jvicorn.error";
    /** One line per response. */
    static final String ACCESS_LOGGER = "jvicorn.access";

    // Held strongly: java.util.logging forgets the settings of loggers nobody references.
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger ACCESS = Logger.getLogger(ACCESS_LOGGER);

    private CliLogging() {
    }

    /**
     * Replaces the handlers of the root and access loggers.
     *
     * @param level     the threshold for every logger
     * @param accessLog whether access lines are written
     * @param out       where access lines go
     * @param err       where everything else goes
     */
    static void configure(LogLevel level, boolean accessLog, PrintStream out, PrintStream err) {
        removeHandlers(ROOT);
        ROOT.setLevel(level.julLevel());
        ROOT.addHandler(new PrintStreamHandler(err));

        removeHandlers(ACCESS);
        ACCESS.setUseParentHandlers(false);
        if (accessLog) {
            ACCESS.setLevel(null);
            ACCESS.addHandler(new PrintStreamHandler(out));
        } else {
            ACCESS.setLevel(Level.OFF);
        }
    }

    private static void removeHandlers(Logger logger) {
        for (Handler handler : logger.getHandlers()) {
            logger.removeHandler(handler);
            handler.close();
        }
    }
}
