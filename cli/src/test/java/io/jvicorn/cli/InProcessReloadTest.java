package io.jvicorn.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.cli.reload.ReloadSettings;
import io.jvicorn.cli.testapps.ReloadTestApp;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --reload-mode in-process}, in this JVM: a reload swaps the application under a running server, the request
 * in flight finishes on the old one, the old lifespan shuts down after it, failures keep the old application, and the
 * old class loader becomes collectable.
 */
@Timeout(120)
class InProcessReloadTest {
    private static final String APP = "io.jvicorn.cli.testapps:ReloadTestApp";
    private static final String CLASS_FILE = "io/jvicorn/cli/testapps/ReloadTestApp.class";

    @TempDir
    Path dir;
    private Path classes;
    private Path events;
    private InProcessReload reload;
    private Server server;

    @BeforeEach
    void start() throws Exception {
        classes = dir.resolve("classes");
        events = Files.createDirectory(dir.resolve("events"));
        // A copy of the test application's class: the reload's child-first loader takes it rather than the test
        // class path's.
        Path copy = classes.resolve(CLASS_FILE);
        Files.createDirectories(copy.getParent());
        Files.copy(testClassFile(), copy);
        setVersion("v1");
        System.setProperty("reloadtest.events", events.toString());
        ReloadSettings settings = ReloadSettings.resolve(List.of(), List.of(), List.of(), List.of(classes), dir);
        reload = new InProcessReload(APP, false, List.of(classes), List.of(), settings, Duration.ofMillis(100));
        server = startServer(reload, dir);
    }

    /** Built in a method of its own, so no local variable of the test holds the first application. */
    private static Server startServer(InProcessReload reload, Path dir) throws Exception {
        Server s = new Server(ServerConfig.builder(reload.loadFirst()).port(0).lifespan("on")
                .appClassLoader(reload.classLoader()).build());
        s.start();
        return s;
    }

    @AfterEach
    void stop() {
        reload.close();
        server.close();
        System.clearProperty("reloadtest.events");
    }

    private static Path testClassFile() throws URISyntaxException {
        return Path.of(ReloadTestApp.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(CLASS_FILE);
    }

    private void setVersion(String version) throws IOException {
        Files.writeString(classes.resolve("io/jvicorn/cli/testapps/version.txt"), version);
    }

    private String get() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            return body(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static String body(String response) {
        assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    /** Reads until the interim response arrived: the request is running in the application, inside receive(). */
    private static void awaitContinue(InputStream in) throws IOException {
        String expected = "HTTP/1.1 100 Continue\r\n\r\n";
        byte[] bytes = in.readNBytes(expected.length());
        assertEquals(expected, new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private boolean happened(String event) {
        return Files.exists(events.resolve(event));
    }

    @Test
    void newRequestsGoToTheNewApplicationWhileARunningOneFinishesOnTheOld() throws Exception {
        assertEquals("v1 jvicorn-app-1", get());
        WeakReference<ClassLoader> firstLoader = new WeakReference<>(reload.classLoader());
        try (Socket slow = connect()) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            awaitContinue(slow.getInputStream());

            setVersion("v2");
            assertTrue(reload.reload(server));
            assertEquals("v2 jvicorn-app-2", get());
            assertTrue(happened("v2.startup"));
            assertFalse(happened("v1.shutdown"), "the old application still runs a request");

            out.write('x');
            assertEquals("v1 jvicorn-app-1", body(new String(slow.getInputStream().readAllBytes(),
                    StandardCharsets.ISO_8859_1)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> happened("v1.shutdown"));
        assertFalse(happened("v2.shutdown"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            System.gc();
            return firstLoader.get() == null;
        });
        assertEquals("v2 jvicorn-app-2", get());
        assertNotSame(ReloadTestApp.class.getClassLoader(), reload.classLoader());
    }

    @Test
    void codeThatDoesNotLoadLeavesTheOldApplicationServing() throws Exception {
        setVersion("fail-load");
        assertFalse(reload.reload(server));
        assertEquals("v1 jvicorn-app-1", get());
        setVersion("v3");
        assertTrue(reload.reload(server));
        assertEquals("v3 jvicorn-app-3", get());
    }

    @Test
    void aFailedStartupLeavesTheOldApplicationServing() throws Exception {
        setVersion("fail-startup");
        assertFalse(reload.reload(server));
        assertEquals("v1 jvicorn-app-1", get());
        assertFalse(happened("v1.shutdown"), "the old application was not retired");
        server.close();
        assertTrue(happened("v1.shutdown"), "the server's shutdown still ends the old application's lifespan");
    }
}
