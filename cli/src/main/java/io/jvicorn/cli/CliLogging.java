package io.jvicorn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Sets up {@code java.util.logging} like Uvicorn's default logging config: everything to stderr except the access log
 * ({@code jvicorn.access}), which goes to stdout, all in {@link UvicornFormatter}'s layout. Or, with
 * {@code --log-config}, from the user's file.
 *
 * <p>{@code --log-level} sets jvicorn's loggers only ({@code jvicorn.*} and {@code io.jvicorn.*}), as Uvicorn's
 * sets {@code uvicorn.*}: the root logger, which the JDK's own loggers ({@code java.lang.Runtime}, {@code javax.net.ssl})
 * and the application's inherit, stays at {@code java.util.logging}'s default INFO, so that {@code --log-level debug}
 * does not print the JDK's debugging output.
 */
final class CliLogging {
    /** The server's log; jvicorn's System.Logger calls land here through java.util.logging. */
    static final String ERROR_LOGGER = "jvicorn.error";
    /** One line per response. */
    static final String ACCESS_LOGGER = "jvicorn.access";
    /** The parent of every jvicorn logger. */
    static final String JVICORN_LOGGER = "jvicorn";
    /** The parent of loggers named after jvicorn's classes, should any code (an extension) use them. */
    static final String PACKAGE_LOGGER = "io.jvicorn";
    /** The level of every other logger: {@code java.util.logging}'s default. */
    static final Level OTHER_LOGGERS_LEVEL = Level.INFO;

    // Held strongly: java.util.logging forgets the settings of loggers nobody references.
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger JVICORN = Logger.getLogger(JVICORN_LOGGER);
    private static final Logger PACKAGE = Logger.getLogger(PACKAGE_LOGGER);
    private static final Logger ERROR = Logger.getLogger(ERROR_LOGGER);
    private static final Logger ACCESS = Logger.getLogger(ACCESS_LOGGER);

    private CliLogging() {
    }

    /**
     * Replaces the handlers of the root and access loggers.
     *
     * @param level     the threshold of jvicorn's loggers
     * @param accessLog whether access lines are written
     * @param jsonLines whether access lines are JSON objects ({@code --access-log-format json}), written without the
     *                  level prefix
     * @param colors    whether level names carry ANSI colours
     * @param out       where access lines go
     * @param err       where everything else goes
     */
    static void configure(LogLevel level, boolean accessLog, boolean jsonLines, boolean colors, PrintStream out,
                          PrintStream err) {
        removeHandlers(ROOT);
        ROOT.setLevel(OTHER_LOGGERS_LEVEL);
        ROOT.addHandler(new PrintStreamHandler(err, colors));
        // The root's handler takes every level: a child's record is checked against its own logger's level only.
        JVICORN.setLevel(level.julLevel());
        PACKAGE.setLevel(level.julLevel());
        ERROR.setLevel(null);

        removeHandlers(ACCESS);
        ACCESS.setUseParentHandlers(false);
        if (accessLog) {
            ACCESS.setLevel(null);
            ACCESS.addHandler(jsonLines ? new PrintStreamHandler(out, new MessageOnlyFormatter())
                    : new PrintStreamHandler(out, colors));
        } else {
            ACCESS.setLevel(Level.OFF);
        }
    }

    /**
     * Reads a {@code java.util.logging} properties file ({@code --log-config}) in place of jvicorn's own handlers,
     * then applies the options Uvicorn applies on top of a log config.
     *
     * @param file      the properties file, as {@code LogManager.readConfiguration} reads it
     * @param level     the {@code --log-level} when one was given (it overrides the file for jvicorn's loggers),
     *                  null to leave the file's levels
     * @param accessLog false for {@code --no-access-log}, which silences {@code jvicorn.access} whatever the file says
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if its properties are malformed (a bad unicode escape) or a handler it
     *                                  names cannot be created
     */
    static void configureFromFile(Path file, @Nullable LogLevel level, boolean accessLog) throws IOException {
        LogManager manager = LogManager.getLogManager();
        try (InputStream in = Files.newInputStream(file)) {
            manager.readConfiguration(in);
        }
        // readConfiguration gives loggers that already exist (jvicorn's do) only their levels; give them their
        // handlers and useParentHandlers too, as it does for loggers created later.
        for (Logger logger : List.of(JVICORN, ERROR, ACCESS)) {
            String useParent = manager.getProperty(logger.getName() + ".useParentHandlers");
            logger.setUseParentHandlers(useParent == null || !isFalse(useParent));
            String handlers = manager.getProperty(logger.getName() + ".handlers");
            if (handlers != null) {
                for (String name : handlers.strip().split("[\\s,]+")) {
                    if (!name.isEmpty()) {
                        logger.addHandler(newHandler(name));
                    }
                }
            }
        }
        if (level != null) {
            JVICORN.setLevel(level.julLevel());
            PACKAGE.setLevel(level.julLevel());
            ERROR.setLevel(level.julLevel());
            ACCESS.setLevel(level.julLevel());
        }
        if (!accessLog) {
            ACCESS.setLevel(Level.OFF);
        }
    }

    private static boolean isFalse(String value) {
        String v = value.strip();
        return v.equalsIgnoreCase("false") || v.equals("0");
    }

    /** Creates a handler by class name the way java.util.logging does: public no-arg constructor, system loader. */
    private static Handler newHandler(String className) {
        try {
            Class<?> type = Class.forName(className, true, ClassLoader.getSystemClassLoader());
            return (Handler) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new IllegalArgumentException("cannot create handler " + className + ": " + e, e);
        }
    }

    private static void removeHandlers(Logger logger) {
        for (Handler handler : logger.getHandlers()) {
            logger.removeHandler(handler);
            handler.close();
        }
    }
}
