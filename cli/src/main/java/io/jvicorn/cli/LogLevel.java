package io.jvicorn.cli;

import java.util.Locale;
import java.util.logging.Level;

/** Uvicorn's {@code --log-level} values and the {@code java.util.logging} level each one enables. */
public enum LogLevel {
    /** Only critical messages; jvicorn logs none, so this silences it. */
    CRITICAL(NamedLevel.CRITICAL),
    /** Errors. */
    ERROR(Level.SEVERE),
    /** Warnings and errors. */
    WARNING(Level.WARNING),
    /** The default: startup, shutdown and access lines. */
    INFO(Level.INFO),
    /** Debugging detail. */
    DEBUG(Level.FINE),
    /** Everything, including each ASGI message. */
    TRACE(Level.FINEST);

    private final Level julLevel;

    LogLevel(Level julLevel) {
        this.julLevel = julLevel;
    }

    /**
     * The {@code java.util.logging} level that shows this level's messages and those above.
     *
     * @return the threshold
     */
    public Level julLevel() {
        return julLevel;
    }

    /**
     * The lower-case name.
     *
     * @return the name as written on the command line
     */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a level as written on the command line.
     *
     * @param text one of {@code critical error warning info debug trace}, in any case
     * @return the level
     * @throws IllegalArgumentException for anything else, naming the choices
     */
    public static LogLevel parse(String text) {
        for (LogLevel level : values()) {
            if (level.name().equalsIgnoreCase(text.trim())) {
                return level;
            }
        }
        throw new IllegalArgumentException(
                "expected one of critical, error, warning, info, debug, trace but was '" + text + "'");
    }

    /**
     * Uvicorn's name for a {@code java.util.logging} level: SEVERE is ERROR, FINE is DEBUG, finer is TRACE.
     *
     * @param level a record's level
     * @return the upper-case name printed before the message
     */
    static String uvicornName(Level level) {
        int value = level.intValue();
        if (value >= NamedLevel.CRITICAL.intValue()) {
            return "CRITICAL";
        }
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (value >= Level.CONFIG.intValue()) {
            return "INFO";
        }
        if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** Level's constructor is protected; this subclass defines the one level java.util.logging lacks. */
    static final class NamedLevel extends Level {
        /** Above SEVERE, as Python's CRITICAL is above ERROR. */
        static final Level CRITICAL = new NamedLevel("CRITICAL", 1100);
        private static final long serialVersionUID = 1L;

        NamedLevel(String name, int value) {
            super(name, value);
        }
    }
}
