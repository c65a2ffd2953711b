package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @TempDir
    Path dir;

    private void configure(LogLevel level, boolean access) {
        configure(level, access, false);
    }

    private void configure(LogLevel level, boolean access, boolean colors) {
        CliLogging.configure(level, access, false, colors, new PrintStream(out, true, StandardCharsets.UTF_8),
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
    void coloursTheLevelNameOnly() {
        configure(LogLevel.DEBUG, true, true);
        errorLog.warning("careful");
        errorLog.fine("detail");
        accessLog.info("127.0.0.1:5000 - \"GET / HTTP/1.1\" 200 OK");
        assertEquals("\u001b[33mWARNING\u001b[0m:  careful\n\u001b[36mDEBUG\u001b[0m:    detail\n", text(err));
        assertEquals("\u001b[32mINFO\u001b[0m:     127.0.0.1:5000 - \"GET / HTTP/1.1\" 200 OK\n", text(out));
    }

    @Test
    void aLogConfigFileReplacesJvicornsHandlers() throws Exception {
        Path config = Files.writeString(dir.resolve("logging.properties"), String.join("\n",
                "handlers = io.jvicorn.cli.CapturingHandler",
                "jvicorn.access.handlers = io.jvicorn.cli.CapturingHandler",
                "jvicorn.access.useParentHandlers = false",
                ".level = INFO",
                "jvicorn.error.level = WARNING", ""));
        configure(LogLevel.INFO, true);
        CapturingHandler.RECORDS.clear();
        CliLogging.configureFromFile(config, null, true);
        errorLog.info("below the file's level");
        errorLog.warning("to the file's handler");
        accessLog.info("access line");
        assertEquals("", text(err));
        assertEquals("", text(out));
        assertEquals(List.of("jvicorn.error: to the file's handler", "jvicorn.access: access line"),
                CapturingHandler.RECORDS);
    }

    @Test
    void aHandlerThatCannotBeCreatedIsNamed() throws Exception {
        Path config = Files.writeString(dir.resolve("typo.properties"), "jvicorn.error.handlers = com.example.Nope\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CliLogging.configureFromFile(config, null, true));
        assertTrue(e.getMessage().startsWith("cannot create handler com.example.Nope: "), e.getMessage());
    }

    @Test
    void logLevelAndNoAccessLogApplyOnTopOfALogConfig() throws Exception {
        Path config = Files.writeString(dir.resolve("quiet.properties"), "handlers =\njvicorn.error.level = SEVERE\n");
        CliLogging.configureFromFile(config, LogLevel.DEBUG, false);
        assertEquals(Level.FINE, errorLog.getLevel());
        assertEquals(Level.FINE, Logger.getLogger(CliLogging.JVICORN_LOGGER).getLevel());
        assertEquals(Level.OFF, accessLog.getLevel());
        assertEquals(0, Logger.getLogger("").getHandlers().length);

        CliLogging.configureFromFile(config, null, true);
        assertEquals(Level.SEVERE, errorLog.getLevel());
        assertEquals(null, accessLog.getLevel());
    }

    @Test
    void theFormatterCanBeNamedInALogConfig() throws Exception {
        Object formatter = Class.forName("io.jvicorn.cli.UvicornFormatter").getConstructor().newInstance();
        assertEquals("INFO:     hi" + System.lineSeparator(),
                ((UvicornFormatter) formatter).format(new LogRecord(Level.INFO, "hi")));
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

    @Test
    void theLevelIsJvicornsOnlyTheJdksLoggersStayAtInfo() {
        configure(LogLevel.DEBUG, true);
        Logger.getLogger("java.lang.Runtime").fine("Runtime.exit");
        Logger.getLogger("javax.net.ssl").finest("X509Certificate");
        Logger.getLogger("com.example.App").info("the application's info");
        errorLog.fine("jvicorn's debug");
        Logger.getLogger("io.jvicorn.extension.Thing").fine("a class-named jvicorn logger");
        assertEquals("INFO:     the application's info\nDEBUG:    jvicorn's debug\n"
                + "DEBUG:    a class-named jvicorn logger\n", text(err));
        assertEquals(Level.INFO, Logger.getLogger("").getLevel());

        err.reset();
        configure(LogLevel.WARNING, true);
        errorLog.info("jvicorn's info");
        accessLog.info("an access line");
        Logger.getLogger("java.lang.Runtime").warning("the JDK's warning");
        assertEquals("WARNING:  the JDK's warning\n", text(err));
        assertEquals("", text(out));
    }
}
