package io.jvicorn.spring.webflux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo WebFlux application on a running jvicorn server, driven by curl. */
class WebFluxCurlTest {
    private static final String CURL = "/usr/bin/curl";
    private static Server server;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(new File(CURL).canExecute(), "curl is not installed (apt-get install curl)");
        server = new Server(ServerConfig.builder(new WebFluxApplication(DemoApp.handler()))
                .host("127.0.0.1").port(0).loops(2).accessLog(false).build());
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CURL, "-sS", "--max-time", "30"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void jsonFromTheController() throws Exception {
        assertEquals("{\"id\":\"3\",\"name\":\"item 3\"}", curl(url("/items/3")));
        assertEquals("{\"id\":\"4\",\"name\":\"LAMP\"}", curl("-H", "content-type: application/json",
                "--data", "{\"id\":\"4\",\"name\":\"lamp\"}", url("/items")));
    }

    @Test
    void statusCodesOfErrors() throws Exception {
        assertEquals("404", curl("-o", "/dev/null", "-w", "%{http_code}", url("/items/missing")));
        assertEquals("500", curl("-o", "/dev/null", "-w", "%{http_code}", url("/boom")));
    }

    @Test
    void serverSentEvents() throws Exception {
        assertEquals("id:1\ndata:event 1\n\nid:2\ndata:event 2\n\nid:3\ndata:event 3\n\n",
                curl("-N", "-H", "accept: text/event-stream", url("/events")));
    }

    @Test
    void aTenMebibyteUploadFromAFile(@TempDir Path dir) throws Exception {
        byte[] data = new byte[10 * 1024 * 1024];
        new Random(7).nextBytes(data);
        Path file = dir.resolve("upload.bin");
        Files.write(file, data);
        assertEquals(DemoApp.Digest.of(data), curl("-H", "content-type: application/octet-stream",
                "--data-binary", "@" + file, url("/upload")));
        // and chunked, as curl sends a body it reads from a pipe
        assertEquals(DemoApp.Digest.of(data), curl("-H", "content-type: application/octet-stream",
                "-H", "transfer-encoding: chunked", "--data-binary", "@" + file, url("/upload")));
    }
}
