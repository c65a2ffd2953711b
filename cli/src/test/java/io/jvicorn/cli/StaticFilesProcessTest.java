package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --static-path-mount} through the real command, with curl as the client. */
class StaticFilesProcessTest {
    private static final Pattern RUNNING = Pattern.compile("jvicorn running on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final String CONTENT = "abcdefghij".repeat(100);

    @TempDir
    Path dir;
    private Process server;
    private String base;

    @BeforeAll
    static void curlIsThere() {
        // .ci/run installs curl; elsewhere the test is skipped with this message.
        Assumptions.assumeTrue(new java.io.File("/usr/bin/curl").canExecute(), "no /usr/bin/curl (apt-get install curl)");
    }

    @BeforeEach
    void start() throws Exception {
        Path assets = Files.createDirectories(dir.resolve("assets"));
        Files.writeString(assets.resolve("page.txt"), CONTENT);
        try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(assets.resolve("page.txt.gz")))) {
            gzip.write(CONTENT.getBytes(StandardCharsets.US_ASCII));
        }
        Files.writeString(dir.resolve("secret.txt"), "secret");
        server = JvicornProcess.start("io.jvicorn.cli.testapps:HelloTestApp", "--port", "0",
                "--static-path-mount", assets.toString(), "--static-path-route", "/assets",
                "--static-path-expires", "60");
        BufferedReader out = JvicornProcess.output(server);
        Matcher running = JvicornProcess.awaitLine(out, RUNNING, new ArrayList<>());
        base = "http://127.0.0.1:" + running.group(1);
    }

    @AfterEach
    void stop() {
        server.destroyForcibly();
    }

    /** @return curl's output: with {@code -i}, the head and the body */
    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/curl", "-sS"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, curl.exitValue(), output);
        return output;
    }

    private static String header(String response, String name) {
        Matcher m = Pattern.compile("(?im)^" + name + ": ([^\r\n]*)").matcher(response);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void filesWithValidatorsThen304() throws Exception {
        String response = curl("-i", base + "/assets/page.txt");
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        assertTrue(response.endsWith("\r\n\r\n" + CONTENT), response);
        assertEquals("text/plain; charset=utf-8", header(response, "content-type"));
        assertEquals("max-age=60", header(response, "cache-control"));
        String etag = header(response, "etag");
        String revalidated = curl("-i", "-H", "If-None-Match: " + etag, base + "/assets/page.txt");
        assertTrue(revalidated.startsWith("HTTP/1.1 304 Not Modified\r\n"), revalidated);
        String since = curl("-i", "-H", "If-Modified-Since: " + header(response, "last-modified"),
                base + "/assets/page.txt");
        assertTrue(since.startsWith("HTTP/1.1 304 Not Modified\r\n"), since);
    }

    @Test
    void aRangeAndThePrecompressedSibling() throws Exception {
        assertEquals("cde", curl("-r", "2-4", base + "/assets/page.txt"));
        String compressed = curl("-i", "--compressed", base + "/assets/page.txt");
        assertEquals("gzip", header(compressed, "content-encoding"));
        assertTrue(compressed.endsWith("\r\n\r\n" + CONTENT), compressed); // curl decoded it
    }

    @Test
    void otherPathsReachTheApplicationAndTraversalIsRefused() throws Exception {
        assertEquals("hi", curl(base + "/"));
        String traversal = curl("-i", "--path-as-is", base + "/assets/../secret.txt");
        assertTrue(traversal.startsWith("HTTP/1.1 400 Bad Request\r\n"), traversal);
        assertTrue(traversal.endsWith("Bad Request: a dot segment (. or ..) in the path"), traversal);
        String encoded = curl("-i", "--path-as-is", base + "/assets/%2e%2e/secret.txt");
        assertTrue(encoded.startsWith("HTTP/1.1 400 Bad Request\r\n"), encoded);
    }
}
