package io.jvicorn.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --reload}: the reloader process restarts its server when watched files change. */
@Timeout(120)
class ReloadProcessTest {
    private static final Pattern STARTUP_COMPLETE = Pattern.compile("Application startup complete\\.");
    private static final Pattern RELOADING = Pattern.compile("WatchService detected changes in .*\\. Reloading\\.\\.\\.");

    @Test
    void aChangedClassFileRestartsTheServerOnTheSamePort(@TempDir Path watched) throws Exception {
        try (SupervisedProcess p = SupervisedProcess.start("io.jvicorn.cli.testapps:PidApp", "--port", "0",
                "--reload", "--reload-dir", watched.toString(), "--reload-delay", "0.1")) {
            p.awaitLine(Pattern.compile("Will watch for changes in these directories: \\['"
                    + Pattern.quote(watched.toRealPath().toString()) + "'\\]"));
            int port = p.port();
            p.awaitLine(Pattern.compile("Started reloader process \\[" + p.process().pid() + "\\] using WatchService"));
            p.awaitLine(STARTUP_COMPLETE);
            String first = SupervisedProcess.awaitGet(port);

            Files.writeString(watched.resolve("notes.txt"), "not a class");
            Files.createDirectories(watched.resolve("com/example"));
            Files.write(watched.resolve("com/example/App.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
            p.awaitLine(RELOADING);
            assertTrue(p.output().contains("detected changes in '" + watched.resolve("com/example/App.class")
                    + "'") || p.output().contains("'com/example/App.class'"), p.output());
            assertTrue(!p.output().contains("notes.txt"), p.output());
            p.awaitLine(STARTUP_COMPLETE, 2);
            String second = SupervisedProcess.awaitGet(port);
            assertNotEquals(first, second, "a new server process answers");
            assertEquals(1, p.workerPids().size());

            p.process().toHandle().destroy(); // SIGTERM
            assertEquals(0, p.awaitExit(), p.output());
            assertTrue(p.output().endsWith("Stopping reloader process [" + p.process().pid() + "]"), p.output());
            assertEquals(2, p.count(Pattern.compile("Finished server process")), p.output());
        }
    }

    @Test
    void anApplicationThatFailsToLoadIsRetriedAfterTheNextChange(@TempDir Path watched) throws Exception {
        try (SupervisedProcess p = SupervisedProcess.start("com.example.missing:App", "--port", "0",
                "--reload", "--reload-dir", watched.toString(), "--reload-delay", "0.1")) {
            p.awaitLine(Pattern.compile("Child process \\[\\d+\\] exited with code 3; it restarts when files change\\."));
            assertTrue(p.process().isAlive(), "the reloader keeps waiting for a fix");
            Files.write(watched.resolve("Fixed.class"), new byte[] {1});
            p.awaitLine(RELOADING);
            p.awaitLine(Pattern.compile("exited with code 3; it restarts when files change\\."), 2);
            p.process().toHandle().destroy();
            assertEquals(0, p.awaitExit(), p.output());
        }
    }

    @Test
    void reloadOptionsWithoutReloadAreWarnedAbout(@TempDir Path watched) throws Exception {
        try (SupervisedProcess p = SupervisedProcess.start("io.jvicorn.cli.testapps:PidApp", "--port", "0",
                "--reload-dir", watched.toString())) {
            p.awaitLine(Pattern.compile("WARNING: +Current configuration will not reload"));
            await().atMost(Duration.ofSeconds(20)).until(() -> p.count(STARTUP_COMPLETE) == 1);
            assertTrue(p.workerPids().isEmpty(), "a single process, no reloader");
        }
    }
}
