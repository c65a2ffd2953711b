package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs h2spec, the HTTP/2 conformance suite, through {@code ../shared/tools/h2spec.sh} beside the clone (or the script
 * {@code H2SPEC_SCRIPT} names; {@code none} skips), and tools the HTTP/2 tests need. Outside CI a missing tool skips the test with a
 * message; under CI it fails.
 */
public final class H2spec {
    private H2spec() {
    }

    /** What a command printed (stdout and stderr) and how it exited. */
    public record Result(int exit, String output) {
    }

    /**
     * Fails under CI, skips otherwise, unless {@code present}.
     *
     * @param present whether the tool is there
     * @param message what is missing and how to get it
     */
    public static void requireTool(boolean present, String message) {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(present, message);
        } else {
            assertTrue(present, message);
        }
    }

    /**
     * Runs a command to its end (at most 10 minutes).
     *
     * @param command the command
     * @return its output and exit code
     * @throws Exception if it cannot start or is interrupted
     */
    public static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "finished: " + command);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /**
     * Runs every h2spec case against a server on 127.0.0.1 and fails, with h2spec's report, when fewer pass than
     * expected.
     *
     * @param port     the server's port
     * @param tls      whether to connect with TLS (ALPN h2, any certificate)
     * @param expected how many cases must pass
     * @param label    what is tested, for the printed summary
     * @return how many passed
     * @throws Exception if h2spec cannot run
     */
    public static int check(int port, boolean tls, int expected, String label) throws Exception {
        String override = System.getenv("H2SPEC_SCRIPT");
        // .ci/run says "none" when the clone has no shared tools beside it, and warns in its log.
        Assumptions.assumeFalse("none".equals(override), "H2SPEC_SCRIPT=none: h2spec is not available here");
        File script = override != null ? new File(override) : new File("../../shared/tools/h2spec.sh");
        requireTool(script.exists(), "no h2spec.sh in ../shared/tools (the shared folder beside the clone); "
                + "or set H2SPEC_SCRIPT");
        List<String> command = new ArrayList<>(List.of("bash", script.getPath(), "-h", "127.0.0.1",
                "-p", Integer.toString(port), "-o", "3"));
        if (tls) {
            command.addAll(List.of("-t", "-k"));
        }
        Result r = run(command);
        String summary = r.output().lines().filter(l -> l.matches("\\d+ tests, \\d+ passed.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary:\n" + r.output()));
        System.out.println("h2spec on the server (" + label + "): " + summary);
        int passed = Integer.parseInt(summary.split(" ")[2]);
        List<String> failed = new ArrayList<>();
        r.output().lines().filter(l -> l.contains("×")).forEach(failed::add);
        assertTrue(passed >= expected, summary + "\n" + String.join("\n", failed) + "\n" + r.output());
        return passed;
    }
}
