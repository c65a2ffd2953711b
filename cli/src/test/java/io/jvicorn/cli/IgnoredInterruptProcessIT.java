package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.cli.testapps.LifespanTestApp;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jvicorn ... &} from a script: the shell starts it with SIGINT ignored, which the JVM keeps, yet
 * {@code kill -INT} (Ctrl+C) still shuts it down gracefully, as Uvicorn. Run from the shaded jar with
 * {@code java -jar}: its Java 22 classes take the signal back.
 */
class IgnoredInterruptProcessIT {
    private static final Pattern RUNNING = Pattern.compile("jvicorn running on http://127\\.0\\.0\\.1:\\d+ ");

    @BeforeAll
    static void theLauncherIgnoresInterrupt() throws Exception {
        InterruptSignals.assertLauncherIgnoresInterrupt();
    }

    private static String appDir() throws Exception {
        return Path.of(LifespanTestApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void theJarHoldsTheJava22SignalCode() throws Exception {
        try (JarFile jar = new JarFile(System.getProperty("jvicorn.jar"))) {
            assertTrue(jar.getEntry("META-INF/versions/22/io/jvicorn/server/signal/IgnoredSignal.class") != null);
        }
    }

    @Test
    void aServerStopsGracefullyOnSigint() throws Exception {
        assertStopsOnSigint("--port", "0");
    }

    @Test
    void aSupervisorStopsItsWorkersGracefullyOnSigint() throws Exception {
        assertStopsOnSigint("--port", "0", "--workers", "2");
    }

    private static void assertStopsOnSigint(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("io.jvicorn.cli.testapps:LifespanTestApp", "--app-dir", appDir()));
        args.addAll(List.of(options));
        Process p = JvicornProcess.startJar(JvicornProcess.INTERRUPT_IGNORED, args.toArray(String[]::new));
        try {
            BufferedReader out = JvicornProcess.output(p);
            List<String> lines = new ArrayList<>();
            JvicornProcess.awaitLine(out, RUNNING, lines);
            if (List.of(options).contains("--workers")) {
                // The supervisor prints its line before it installs its handlers and starts the workers: once both
                // workers have run their lifespan startup, the handlers are in place.
                JvicornProcess.awaitLine(out, Pattern.compile("Application startup complete"), lines);
                JvicornProcess.awaitLine(out, Pattern.compile("Application startup complete"), lines);
            }
            assertFalse(InterruptSignals.ignoresInterrupt(p.toHandle()), "SIGINT still ignored: " + lines);
            InterruptSignals.interrupt(p.toHandle());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not exit after SIGINT: " + lines);
            lines.addAll(JvicornProcess.drain(out).lines().toList());
            assertEquals(0, p.exitValue(), lines.toString());
            assertTrue(lines.contains("INFO:     Application shutdown complete."), lines.toString());
            assertTrue(lines.stream().noneMatch(line -> line.startsWith("WARNING")), lines.toString());
        } finally {
            p.destroyForcibly();
        }
    }
}
