package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.cli.testapps.PidApp;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --reload} from the shaded jar: the reloader listens once and hands the socket to each server process, so a
 * client that connects all through the restarts is never refused; connections made while no server process runs
 * wait in the backlog and are answered by the next one.
 */
@Timeout(180)
class ReloadProcessIT {
    private static final Pattern STARTUP_COMPLETE = Pattern.compile("Application startup complete\\.");
    private static final Pattern RELOADING = Pattern.compile("WatchService detected changes in .*\\. Reloading\\.\\.\\.");
    private static final int RELOADS = 3;

    private static String appDir() throws Exception {
        return Path.of(PidApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void aClientLoopAcrossRestartsIsNeverRefused(@TempDir Path watched) throws Exception {
        try (SupervisedProcess p = SupervisedProcess.startJar("io.jvicorn.cli.testapps:PidApp", "--app-dir",
                appDir(), "--port", "0", "--reload", "--reload-dir", watched.toString(), "--reload-delay", "0.1")) {
            int port = p.port();
            p.awaitLine(STARTUP_COMPLETE);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            List<String> failures = new CopyOnWriteArrayList<>();
            Set<String> servers = ConcurrentHashMap.newKeySet();
            Thread client = Thread.ofPlatform().name("client-loop").start(() -> {
                while (running.get()) {
                    try {
                        servers.add(SupervisedProcess.get(port));
                        answered.incrementAndGet();
                    } catch (ConnectException e) {
                        failures.add("refused: " + e.getMessage());
                    } catch (IOException e) {
                        failures.add(e.toString());
                    }
                }
            });
            try {
                for (int i = 1; i <= RELOADS; i++) {
                    Files.write(watched.resolve("App" + i + ".class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
                    p.awaitLine(RELOADING, i);
                    p.awaitLine(STARTUP_COMPLETE, i + 1);
                    int before = answered.get();
                    org.awaitility.Awaitility.await().atMost(SupervisedProcess.STARTUP)
                            .until(() -> answered.get() > before + 10);
                }
            } finally {
                running.set(false);
                client.join();
            }
            System.out.println("ReloadProcessIT: " + answered.get() + " requests across " + RELOADS + " reloads, "
                    + failures.size() + " failed or refused");
            assertEquals(List.of(), failures, p.output());
            assertEquals(RELOADS + 1, servers.size(), "every server process answered the loop: " + servers);
            assertTrue(p.output().lines().noneMatch(line -> line.startsWith("WARNING:  Connections are refused")),
                    p.output());

            p.process().toHandle().destroy();
            assertEquals(0, p.awaitExit(), p.output());
            // Each server process's shutdown lines are seen: closing the inherited socket no longer detaches stdout.
            assertEquals(RELOADS + 1, p.count(Pattern.compile("Finished server process")), p.output());
        }
    }
}
