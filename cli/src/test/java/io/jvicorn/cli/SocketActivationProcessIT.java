package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.cli.testapps.HelloTestApp;
import java.io.BufferedReader;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --fd 3} and {@code --bind fd://3} as systemd socket activation uses them, run from the shaded jar with
 * {@code java -jar} (its Java 22 classes and manifest are what is tested). Python passes the socket, because Java's
 * ProcessBuilder closes every descriptor above 2 in its children.
 */
class SocketActivationProcessIT {
    private static final String PYTHON = "/usr/bin/python3";
    /**
     * argv[1]: {@code listening}, or {@code unbound} for a socket that does not listen. Prints the port (0 when
     * unbound), puts the socket on descriptor 3 and becomes the command after it.
     */
    private static final String ACTIVATOR = """
            import os, socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            if sys.argv[1] == "listening":
                s.bind(("127.0.0.1", 0))
                s.listen(16)
            print(s.getsockname()[1], flush=True)
            if s.fileno() != 3:
                os.dup2(s.fileno(), 3)
            os.set_inheritable(3, True)
            os.execvp(sys.argv[2], sys.argv[2:])
            """;

    @BeforeAll
    static void pythonIsInstalled() {
        assertTrue(new File(PYTHON).canExecute(), PYTHON + " is needed to pass a socket as descriptor 3");
    }

    private static String appDir() throws Exception {
        return Path.of(HelloTestApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static Process activated(String socket, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("io.jvicorn.cli.testapps:HelloTestApp", "--app-dir", appDir()));
        args.addAll(List.of(options));
        return JvicornProcess.startJar(List.of(PYTHON, "-c", ACTIVATOR, socket), args.toArray(String[]::new));
    }

    @Test
    void jarManifestMakesItMultiReleaseAndGrantsNativeAccess() throws Exception {
        try (JarFile jar = new JarFile(System.getProperty("jvicorn.jar"))) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("true", main.getValue("Multi-Release"));
            assertEquals("ALL-UNNAMED", main.getValue("Enable-Native-Access"));
            assertTrue(jar.getEntry("META-INF/versions/22/io/jvicorn/server/InheritedDescriptor.class") != null);
        }
    }

    @Test
    void servesOnDescriptor3WithFd3() throws Exception {
        assertServesOnDescriptor3("--fd", "3");
    }

    @Test
    void servesOnDescriptor3WithBindFd3() throws Exception {
        assertServesOnDescriptor3("--bind", "fd://3");
    }

    @Test
    void workersShareDescriptor3() throws Exception {
        // The supervisor moves descriptor 3 onto standard input, which its workers inherit as fd://0.
        assertServesOnDescriptor3("--fd", "3", "--workers", "2");
    }

    private static void assertServesOnDescriptor3(String... options) throws Exception {
        Process p = activated("listening", options);
        try {
            BufferedReader out = JvicornProcess.output(p);
            String port = out.readLine();
            List<String> lines = new ArrayList<>();
            Matcher running = JvicornProcess.awaitLine(out, Pattern.compile(
                    "jvicorn running on socket \\('127\\.0\\.0\\.1', (\\d+)\\) \\(Press CTRL\\+C to quit\\)"), lines);
            assertEquals(port, running.group(1));
            assertTrue(lines.stream().noneMatch(line -> line.startsWith("WARNING")), "JVM warnings: " + lines);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("hi", r.body());
            p.toHandle().destroy(); // SIGTERM: a graceful shutdown
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "did not exit after SIGTERM");
            assertEquals(0, p.exitValue(), JvicornProcess.drain(out));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void descriptorThatIsNotOpenExitsWith3AndSaysSo() throws Exception {
        // Not 5: the JVM opens files of its own on the lowest free descriptors (5 holds jvicorn.jar itself).
        Process p = JvicornProcess.startJar(List.of(), "io.jvicorn.cli.testapps:HelloTestApp", "--app-dir", appDir(),
                "--fd", "99");
        String output = JvicornProcess.drain(JvicornProcess.output(p));
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(Main.EXIT_STARTUP_FAILURE, p.exitValue(), output);
        assertTrue(output.contains("ERROR:    --fd 99: no file descriptor 99 is open in this process (EBADF); start "
                + "jvicorn from a systemd .socket unit (Accept=no), which passes its first socket as descriptor 3"),
                output);
    }

    @Test
    void socketThatDoesNotListenExitsWith3AndSaysSo() throws Exception {
        Process p = activated("unbound", "--fd", "3");
        String output = JvicornProcess.drain(JvicornProcess.output(p));
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(Main.EXIT_STARTUP_FAILURE, p.exitValue(), output);
        assertTrue(output.contains("ERROR:    --fd 3: file descriptor 3 is a socket that is not listening"), output);
    }
}
