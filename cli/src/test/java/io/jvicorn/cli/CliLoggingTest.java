package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliLoggingTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Logger errorLog = Logger.getLogger(CliLogging.ERROR_LOGGER);
    private final Logger accessLog = Logger.getLogger(CliLogging.ACCESS_LOGGER);

    @AfterEach
    void restoreLogging() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    private void configure(LogLevel level, boolean access) {
        CliLogging.configure(level, access, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INFO|'INFO:     Started server process [42]'",
            "WARNING|'WARNING:  Started server process [42]'",
            "SEVERE|'ERROR:    Started server process [42]'",
            "CONFIG|'INFO:     Started server process [42]'",
            "FINE|'DEBUG:    Started server process [42]'",
            "FINER|'TRACE:    Started server process [42]'",
            "FINEST|'TRACE:    Started server process [42]'",
    })
    void formatsLikeUvicorn(String level, String expected) {
        LogRecord record = new LogRecord(Level.parse(level), "Started server process [42]");
        assertEquals(expected + System.lineSeparator(), new UvicornFormatter().format(record));
    }

    @Test
    void formatsCriticalAndAppendsStackTraces() {
        UvicornFormatter formatter = new UvicornFormatter();
        assertEquals("CRITICAL: down" + System.lineSeparator(),
                formatter.format(new LogRecord(LogLevel.CRITICAL.julLevel(), "down")));

        LogRecord record = new LogRecord(Level.SEVERE, "Exception in 'lifespan' protocol");
        record.setThrown(new IllegalStateException("boom"));
        String formatted = formatter.format(record).replace(System.lineSeparator(), "\n");
        assertTrue(formatted.startsWith("ERROR:    Exception in 'lifespan' protocol\n"
                + "java.lang.IllegalStateException: boom\n\tat "), formatted);
    }

    @Test
    void theServerLogGoesToStderrAndTheAccessLogToStdout() {
        configure(LogLevel.INFO, true);
        errorLog.info("Application startup complete.");
        accessLog.info("127.0.0.1:5000 - \"GET / HTTP/1.1\" 200");
        errorLog.fine("hidden at info");

        assertEquals("INFO:     Application startup complete.\n", text(err));
        assertEquals("INFO:     127.0.0.1:5000 - \"GET / HTTP/1.1\" 200\n", text(out));
    }

    @Test
    void noAccessLogSilencesOnlyTheAccessLog() {
        configure(LogLevel.INFO, false);
        accessLog.info("127.0.0.1:5000 - \"GET / HTTP/1.1\" 200");
        errorLog.warning("still here");

        assertEquals("", text(out));
        assertEquals("WARNING:  still here\n", text(err));
    }

    @Test
    void theLevelFiltersEveryLogger() {
        configure(LogLevel.TRACE, true);
        errorLog.finest("every message");
        System.getLogger(CliLogging.ERROR_LOGGER).log(System.Logger.Level.TRACE, "through System.Logger");
        assertEquals("TRACE:    every message\nTRACE:    through System.Logger\n", text(err));

        err.reset();
        configure(LogLevel.CRITICAL, true);
        errorLog.severe("not critical");
        accessLog.info("not either");
        assertEquals("", text(err));
        assertEquals("", text(out));

        configure(LogLevel.ERROR, true);
        errorLog.warning("below error");
        errorLog.severe("an error");
        assertEquals("ERROR:    an error\n", text(err));
    }
}
