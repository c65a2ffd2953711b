package io.jvicorn.http2.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The session against real clients over a socket ({@link SessionSocketServer}): curl with prior knowledge (nghttp2's
 * HPACK and flow control), and h2spec's 146 cases, built by {@code ../shared/tools/h2spec.sh} from Debian's Go packages.
 * Skipped with a message when a tool is missing outside CI; under CI (the variable {@code CI} set) a missing tool fails.
 */
class RealClientsTest {
    /** h2spec cases the session passes: the test fails below this count. */
    static final int H2SPEC_PASSED = 146;

    private static void requireTool(boolean present, String message) {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(present, message);
        } else {
            assertTrue(present, message);
        }
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "finished: " + command);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output) {
    }

    @Test
    void curlWithPriorKnowledgeGetsAnswersAndSendsABodyLargerThanTheWindows() throws Exception {
        requireTool(new File("/usr/bin/curl").canExecute(), "curl is not installed");
        try (SessionSocketServer server = new SessionSocketServer()) {
            String base = "http://127.0.0.1:" + server.port();
            // One URL per curl: curl 7.88 (Debian 12) fails re-using a prior-knowledge connection (curl/curl#10634).
            Result get = run(List.of("curl", "-sS", "--http2-prior-knowledge", base + "/a", "-w", "%{http_version}\n"));
            assertEquals("GET /a 0\n2\n", get.output());
            java.nio.file.Path body = java.nio.file.Files.createTempFile("h2-body", ".txt");
            java.nio.file.Files.writeString(body, "x".repeat(200_000));
            Result post = run(List.of("curl", "-sS", "-v", "--http2-prior-knowledge", base + "/up", "--data-binary",
                    "@" + body));
            java.nio.file.Files.delete(body);
            assertEquals(0, post.exit(), post.output());
            assertTrue(post.output().contains("POST /up 200000"), "a body larger than the windows:\n" + post.output());
        }
    }

    @Test
    void h2specPassesOnTheSession() throws Exception {
        File script = new File("../../shared/tools/h2spec.sh");
        if (!script.exists()) {
            script = new File("../shared/tools/h2spec.sh");
        }
        requireTool(script.exists(), "no h2spec.sh in ../shared/tools (the shared folder beside the clone)");
        try (SessionSocketServer server = new SessionSocketServer()) {
            Result r = run(List.of("bash", script.getPath(), "-p", Integer.toString(server.port()), "-o", "3"));
            String summary = r.output().lines().filter(l -> l.matches("\\d+ tests, \\d+ passed.*")).findFirst()
                    .orElseThrow(() -> new AssertionError("no summary:\n" + r.output()));
            System.out.println("h2spec on the session: " + summary);
            int passed = Integer.parseInt(summary.split(" ")[2]);
            List<String> failures = new ArrayList<>();
            r.output().lines().filter(l -> l.contains("×")).forEach(failures::add);
            assertTrue(passed >= H2SPEC_PASSED, summary + "\n" + String.join("\n", failures) + "\n" + r.output());
        }
    }
}
