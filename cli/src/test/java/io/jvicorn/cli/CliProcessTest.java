package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The CLI as a user runs it: a real JVM process, real signals, real exit codes. */
class CliProcessTest {
    private static final Pattern RUNNING = Pattern.compile("jvicorn running on http://127\\.0\\.0\\.1:(\\d+) \\(Press CTRL\\+C to quit\\)");

    private static ProcessBuilder jvicorn(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.jvicorn.cli.Main");
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    @Test
    void servesThenStopsGracefullyOnSigterm() throws Exception {
        Process p = jvicorn("io.jvicorn.cli.testapps:HelloTestApp", "--port", "0").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            int port = -1;
            String line;
            while (port < 0 && (line = out.readLine()) != null) {
                lines.add(line);
                Matcher m = RUNNING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "no 'running on' line in " + lines);
            assertTrue(lines.get(0).matches("INFO: +Started server process \\[\\d+\\]"), lines.get(0));
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("hi", r.body());
            CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> readAll(out));
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
            Process p = jvicorn("io.jvicorn.cli.testapps:HelloTestApp", "--port", Integer.toString(taken.getLocalPort())).start();
            String output = readAll(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(3, p.exitValue(), output);
            assertTrue(output.contains("error while attempting to bind"), output);
        }
    }

    @Test
    void unknownAppExitsWith3() throws Exception {
        Process p = jvicorn("com.example.missing:App", "--port", "0").start();
        String output = readAll(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), output);
        assertTrue(output.contains("--app-dir"), output);
    }

    private static String readAll(BufferedReader reader) {
        StringBuilder b = new StringBuilder();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                b.append(line).append('\n');
            }
        } catch (IOException e) {
            b.append(e);
        }
        return b.toString();
    }
}
