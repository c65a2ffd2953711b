package io.jvicorn.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A program that embeds a server and calls {@link Server#handleSignals()} ({@link EmbeddedMain}) stops on SIGINT and
 * SIGTERM as the {@code jvicorn} command does: the request in flight finishes, the lifespan shutdown runs, and
 * {@code awaitTermination} returns so that {@code main} ends with status 0.
 */
class EmbeddedSignalsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private int start() throws IOException {
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedMain.class.getName())
                .redirectErrorStream(true).start();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException e) {
                output.add("reader failed: " + e);
            }
        });
        return Integer.parseInt(awaitLine("port ").substring("port ".length()));
    }

    private String awaitLine(String prefix) {
        return await().atMost(PATIENCE).until(() -> output.stream().filter(l -> l.startsWith(prefix)).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        assertEquals(0, kill.waitFor());
    }

    private int exitStatus() throws InterruptedException {
        assertTrue(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "still running: " + output);
        return process.exitValue();
    }

    @Test
    void sigintDrainsTheRequestInFlightAndRunsTheLifespanShutdown() throws Exception {
        int port = start();
        assertTrue(output.stream().anyMatch(l -> l.contains("jvicorn running on http://127.0.0.1:" + port
                + " (Press CTRL+C to quit)")), output::toString);
        CompletableFuture<HttpResponse<String>> slow = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitLine("slow request began");
        signal("INT");
        HttpResponse<String> response = slow.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("done", response.body());
        assertEquals(0, exitStatus(), output::toString);
        String all = String.join("\n", output);
        assertTrue(all.indexOf("Shutting down") < all.indexOf("lifespan shutdown ran"), all);
        assertTrue(all.indexOf("lifespan shutdown ran") < all.indexOf("main returned"), all);
    }

    @Test
    void sigtermStopsItGracefullyToo() throws Exception {
        start();
        signal("TERM");
        assertEquals(0, exitStatus(), output::toString);
        assertTrue(output.contains("lifespan shutdown ran"), output::toString);
        assertTrue(output.contains("main returned"), output::toString);
    }
}
