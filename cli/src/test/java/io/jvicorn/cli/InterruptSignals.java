package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers for the tests of a SIGINT inherited as ignored. */
final class InterruptSignals {
    /** Bit of SIGINT (2) in the masks of /proc/PID/status. */
    private static final long SIGINT_BIT = 1L << (2 - 1);

    private InterruptSignals() {
    }

    /** Checks the premise: {@link JvicornProcess#INTERRUPT_IGNORED} really starts its command with SIGINT ignored. */
    static void assertLauncherIgnoresInterrupt() throws Exception {
        List<String> command = new ArrayList<>(JvicornProcess.INTERRUPT_IGNORED);
        command.addAll(List.of("cat", "/proc/self/status"));
        Process cat = new ProcessBuilder(command).redirectErrorStream(true).start();
        String status = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cat.waitFor(10, TimeUnit.SECONDS));
        assertTrue((ignoredMask(status) & SIGINT_BIT) != 0, "SIGINT not ignored by the launcher: " + status);
    }

    /** Whether the process has SIGINT ignored right now (Linux). */
    static boolean ignoresInterrupt(ProcessHandle process) throws IOException {
        String status = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(process.pid()),
                "status"));
        return (ignoredMask(status) & SIGINT_BIT) != 0;
    }

    private static long ignoredMask(String status) {
        return status.lines().filter(line -> line.startsWith("SigIgn:")).findFirst()
                .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16))
                .orElseThrow(() -> new AssertionError("no SigIgn line in " + status));
    }

    /** {@code kill -INT pid}: ProcessHandle sends SIGTERM and SIGKILL only. */
    static void interrupt(ProcessHandle process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue(), "kill -INT failed");
    }
}
