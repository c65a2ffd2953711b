package io.jvicorn.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --workers}: the supervisor process and its workers, as a user runs them, with real signals. */
@Timeout(120)
class WorkersProcessTest {
    private static final String APP = "io.jvicorn.cli.testapps:PidApp";
    private static final Pattern STARTUP_COMPLETE = Pattern.compile("Application startup complete\\.");
    private static final Pattern PARENT = Pattern.compile("INFO: +Started parent process \\[(\\d+)\\]");

    @Test
    void workersShareOnePortAndStopOnSigterm() throws Exception {
        try (SupervisedProcess p = SupervisedProcess.start(APP, "--port", "0", "--workers", "2")) {
            int port = p.port();
            assertEquals(p.process().pid(), Long.parseLong(p.awaitLine(PARENT).group(1)));
            p.awaitLine(STARTUP_COMPLETE, 2);
            List<Long> workers = p.workerPids();
            assertEquals(2, workers.size(), p.output());
            Set<Long> served = new HashSet<>();
            // The kernel spreads new connections over the workers by a hash of the client port.
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                served.add(Long.parseLong(SupervisedProcess.get(port)));
                return served.size() == 2;
            });
            assertEquals(Set.copyOf(workers), served);
            assertEquals(1, p.count(SupervisedProcess.RUNNING), "only the supervisor says where it listens");

            p.process().toHandle().destroy(); // SIGTERM
            assertEquals(0, p.awaitExit(), p.output());
            String output = p.output();
            assertTrue(output.contains("Received SIGTERM, exiting."), output);
            assertEquals(2, p.count(Pattern.compile("Finished server process")), output);
            assertTrue(output.endsWith("Stopping parent process [" + p.process().pid() + "]"), output);
            for (long worker : workers) {
                assertTrue(ProcessHandle.of(worker).map(h -> !h.isAlive()).orElse(true), "worker " + worker);
            }
        }
    }

    @Test
    void aDeadWorkerIsReplaced() throws Exception {
        try (SupervisedProcess p = SupervisedProcess.start(APP, "--port", "0", "--workers", "2")) {
            int port = p.port();
            p.awaitLine(STARTUP_COMPLETE, 2);
            long victim = p.workerPids().get(0);
            SupervisedProcess.signal(victim, "KILL");
            p.awaitLine(Pattern.compile("Child process \\[" + victim + "\\] died \\(exit code 137\\)"));
            p.awaitLine(STARTUP_COMPLETE, 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> p.workerPids().size() == 2
                    && !p.workerPids().contains(victim));
            SupervisedProcess.awaitGet(port);
        }
    }

    @Test
    void sighupReplacesEveryWorkerOneByOne() throws Exception {
        // Under nohup the JVM keeps an inherited ignored SIGHUP ignored (it refuses to handle it), and the workers'
        // supervisor inherits that from this JVM: nothing to test then.
        assumeFalse(hangupIgnored(), "SIGHUP is ignored in this process (started under nohup?)");
        try (SupervisedProcess p = SupervisedProcess.start(APP, "--port", "0", "--workers", "2")) {
            int port = p.port();
            p.awaitLine(STARTUP_COMPLETE, 2);
            List<Long> before = p.workerPids();
            p.signal("HUP");
            p.awaitLine(Pattern.compile("Received SIGHUP, restarting processes\\."));
            p.awaitLine(STARTUP_COMPLETE, 4);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<Long> now = p.workerPids();
                return now.size() == 2 && now.stream().noneMatch(before::contains);
            });
            assertEquals(2, p.count(Pattern.compile("Finished server process")), p.output());
            assertTrue(p.workerPids().contains(Long.parseLong(SupervisedProcess.awaitGet(port))));
        }
    }

    @Test
    void ttinAndTtouChangeTheNumberOfWorkers() throws Exception {
        try (SupervisedProcess p = SupervisedProcess.start(APP, "--port", "0", "--workers", "2")) {
            p.port();
            p.awaitLine(STARTUP_COMPLETE, 2);
            p.signal("TTIN");
            p.awaitLine(STARTUP_COMPLETE, 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> p.workerPids().size() == 3);
            p.signal("TTOU");
            p.awaitLine(Pattern.compile("Received SIGTTOU, decreasing number of processes\\."));
            await().atMost(Duration.ofSeconds(10)).until(() -> p.workerPids().size() == 2);
            p.signal("TTOU");
            await().atMost(Duration.ofSeconds(10)).until(() -> p.workerPids().size() == 1);
            p.signal("TTOU");
            p.awaitLine(Pattern.compile("Already reached one process, cannot decrease the number of processes"));
            assertEquals(1, p.workerPids().size());
        }
    }

    @Test
    void aWorkerThatStopsAnsweringIsKilledAndReplaced() throws Exception {
        try (SupervisedProcess p = SupervisedProcess.start(APP, "--port", "0", "--workers", "2",
                "--timeout-worker-healthcheck", "1")) {
            p.port();
            p.awaitLine(STARTUP_COMPLETE, 2);
            long frozen = p.workerPids().get(1);
            SupervisedProcess.signal(frozen, "STOP");
            p.awaitLine(Pattern.compile("Child process \\[" + frozen + "\\] has not answered for 1\\.0 s; killing it\\."));
            p.awaitLine(Pattern.compile("Child process \\[" + frozen + "\\] killed"));
            p.awaitLine(STARTUP_COMPLETE, 3);
        }
    }

    @Test
    void aWorkerThatCannotStartStopsTheSupervisorWithCode3() throws Exception {
        try (SupervisedProcess p = SupervisedProcess.start("com.example.missing:App", "--port", "0",
                "--workers", "2")) {
            assertEquals(3, p.awaitExit(), p.output());
            assertTrue(p.output().contains("failed to start (exit code 3); stopping."), p.output());
        }
    }

    @Test
    void aPortInUseFailsBeforeAnyWorkerStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             SupervisedProcess p = SupervisedProcess.start(APP, "--port", Integer.toString(taken.getLocalPort()),
                     "--workers", "2")) {
            assertEquals(3, p.awaitExit(), p.output());
            assertTrue(p.output().contains("error while attempting to bind"), p.output());
            assertEquals(0, p.count(PARENT), p.output());
        }
    }

    @Test
    void aUnixSocketIsSharedFromTheJarOnly(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // Handing the socket to the workers needs the server jar's Java 22 classes (libc's dup2): on target/classes
        // (mvn test) it is refused with a reason; on the jars (mvn verify) it works, as WorkersUnixSocketIT checks.
        boolean serverJar = io.jvicorn.server.ServerConfig.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath().endsWith(".jar");
        Path socket = dir.resolve("w.sock");
        try (SupervisedProcess p = SupervisedProcess.start(APP, "--uds", socket.toString(), "--workers", "2")) {
            if (serverJar) {
                p.awaitLine(STARTUP_COMPLETE, 2);
                p.process().toHandle().destroy();
                assertEquals(0, p.awaitExit(), p.output());
            } else {
                assertEquals(3, p.awaitExit(), p.output());
                assertTrue(p.output().contains("worker processes cannot share unix socket " + socket + ": "),
                        p.output());
                assertTrue(p.output().contains("run jvicorn from its jar on Java 22 or newer"), p.output());
            }
            assertTrue(!Files.exists(socket), "the socket file is removed");
        }
    }

    @Test
    void workersStopWhenTheSupervisorIsKilled() throws Exception {
        try (SupervisedProcess p = SupervisedProcess.start(APP, "--port", "0", "--workers", "2")) {
            p.port();
            p.awaitLine(STARTUP_COMPLETE, 2);
            List<ProcessHandle> workers = p.process().toHandle().children().toList();
            p.process().destroyForcibly();
            await().atMost(Duration.ofSeconds(15)).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    @Test
    void webConcurrencySetsTheNumberOfWorkers() throws Exception {
        try (SupervisedProcess p = SupervisedProcess.start(Map.of("WEB_CONCURRENCY", "3"), APP, "--port", "0")) {
            p.port();
            p.awaitLine(STARTUP_COMPLETE, 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> p.workerPids().size() == 3);
        }
    }

    @Test
    void aWorkerThatReachesMaxRequestsIsReplaced() throws Exception {
        try (SupervisedProcess p = SupervisedProcess.start(APP, "--port", "0", "--workers", "2",
                "--limit-max-requests", "2")) {
            int port = p.port();
            p.awaitLine(STARTUP_COMPLETE, 2);
            for (int i = 0; i < 6; i++) {
                // Retried: a worker closing its listener resets connections queued on it; another one answers.
                SupervisedProcess.awaitGet(port);
            }
            p.awaitLine(Pattern.compile("Maximum request limit of 2 exceeded"));
            p.awaitLine(Pattern.compile("Child process \\[\\d+\\] died$"));
            p.awaitLine(STARTUP_COMPLETE, 3);
        }
    }

    @Test
    void aWorkerOverTheMemoryLimitIsReplacedOnceItsSuccessorServes() throws Exception {
        try (SupervisedProcess p = SupervisedProcess.start("io.jvicorn.cli.testapps:MemoryApp", "--port", "0",
                "--workers", "1", "--workers-max-rss", "300")) {
            int port = p.port();
            p.awaitLine(STARTUP_COMPLETE, 1);
            long first = Long.parseLong(SupervisedProcess.awaitGet(port));
            Pattern replacing = Pattern.compile("Child process \\[" + first + "\\] uses (\\d+) MiB of resident "
                    + "memory, more than --workers-max-rss 300 MiB; replacing it\\.");
            // Each /grow keeps 32 MiB more in the one worker, until the supervisor's check (every second) sees it.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                if (p.count(replacing) == 0) {
                    grow(port);
                }
                return p.count(replacing) > 0;
            });
            assertTrue(Long.parseLong(p.awaitLine(replacing).group(1)) > 300);
            p.awaitLine(STARTUP_COMPLETE, 2);
            p.awaitLine(Pattern.compile("Finished server process \\[" + first + "\\]"));
            List<String> lines = p.output().lines().toList();
            int successorServing = indexOf(lines, Pattern.compile("Started server process \\[(?!" + first + "\\])"));
            int oldStopping = indexOf(lines, Pattern.compile("Finished server process \\[" + first + "\\]"));
            assertTrue(successorServing >= 0 && successorServing < oldStopping, p.output());
            await().atMost(Duration.ofSeconds(20)).until(() -> p.workerPids().size() == 1
                    && !p.workerPids().contains(first));
            assertEquals(p.workerPids().get(0), Long.parseLong(SupervisedProcess.awaitGet(port)));
            assertEquals(0, p.count(Pattern.compile("Child process \\[\\d+\\] (died|killed)")), p.output());
        }
    }

    @Test
    void aHealthCheckShorterThanAWorkersStartupKillsNothing() throws Exception {
        // The application's lifespan startup takes 6 s, three times the health check: the worker still beats. Two
        // seconds (four beats) rather than one, so that a loop probe slowed by a loaded machine is not a failure.
        try (SupervisedProcess p = SupervisedProcess.start(Map.of("SLOW_STARTUP_MILLIS", "6000"),
                "io.jvicorn.cli.testapps:SlowStartApp", "--port", "0", "--workers", "2",
                "--timeout-worker-healthcheck", "2")) {
            int port = p.port();
            p.awaitLine(STARTUP_COMPLETE, 2);
            SupervisedProcess.awaitGet(port);
            assertEquals(2, p.workerPids().size(), p.output());
            assertEquals(0, p.count(Pattern.compile("has not answered|killed|died")), p.output());
        }
    }

    /** One {@code GET /grow}: the worker keeps 32 MiB more. */
    private static void grow(int port) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /grow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
        }
    }

    private static int indexOf(List<String> lines, Pattern pattern) {
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    /** @return whether SIGHUP is ignored in this process: bit 0 of the SigIgn mask in /proc/self/status */
    private static boolean hangupIgnored() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 1) != 0;
            }
        }
        return false;
    }
}
