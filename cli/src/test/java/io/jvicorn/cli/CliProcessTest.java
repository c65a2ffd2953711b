package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The CLI as a user runs it: a real JVM process, real signals, real exit codes. */
class CliProcessTest {
    private static final Pattern RUNNING = Pattern.compile("jvicorn running on http://127\\.0\\.0\\.1:(\\d+) \\(Press CTRL\\+C to quit\\)");

    @Test
    void servesThenStopsGracefullyOnSigterm() throws Exception {
        Process p = JvicornProcess.start("io.jvicorn.cli.testapps:HelloTestApp", "--port", "0");
        try {
            BufferedReader out = JvicornProcess.output(p);
            List<String> lines = new ArrayList<>();
            int port = Integer.parseInt(JvicornProcess.awaitLine(out, RUNNING, lines).group(1));
            assertTrue(lines.get(0).matches("INFO: +Started server process \\[\\d+\\]"), lines.get(0));
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("hi", r.body());
            CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> {
                try {
                    return JvicornProcess.drain(out);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            p.toHandle().destroy(); // SIGTERM, without closing our end of its output as Process.destroy() does
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "did not exit after SIGTERM");
            assertEquals(0, p.exitValue());
            String tail = rest.get(5, TimeUnit.SECONDS);
            assertTrue(tail.contains("Shutting down"), tail);
            assertTrue(tail.contains("Finished server process"), tail);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void portInUseExitsWith3() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Process p = JvicornProcess.start("io.jvicorn.cli.testapps:HelloTestApp", "--port", Integer.toString(taken.getLocalPort()));
            String output = JvicornProcess.drain(JvicornProcess.output(p));
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(3, p.exitValue(), output);
            assertTrue(output.contains("error while attempting to bind"), output);
        }
    }

    @Test
    void unknownAppExitsWith3() throws Exception {
        Process p = JvicornProcess.start("com.example.missing:App", "--port", "0");
        String output = JvicornProcess.drain(JvicornProcess.output(p));
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), output);
        assertTrue(output.contains("--app-dir"), output);
    }
}
