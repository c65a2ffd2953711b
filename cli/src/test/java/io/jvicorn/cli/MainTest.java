package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new Main(env, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @AfterEach
    void restoreLogging() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void versionPrintsUvicornsLine() {
        assertEquals(0, run(Map.of(), "--version"));
        String expected = "Running jvicorn 0.1.0 with " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + " on " + System.getProperty("os.name");
        assertEquals(expected + System.lineSeparator(), out());
        assertTrue(out().startsWith("Running jvicorn 0.1.0 with "));
        assertEquals("", err());
    }

    @Test
    void helpListsEveryOption() {
        assertEquals(0, run(Map.of(), "--help"));
        assertTrue(out().startsWith("Usage: jvicorn "), out());
        for (String option : new String[] {"APP", "--factory", "--app-dir", "--host", "--port", "--log-level",
                "--[no-]access-log", "--timeout-keep-alive", "--timeout-graceful-shutdown",
                "--timeout-request-header", "--limit-concurrency", "--limit-max-requests", "--backlog", "--header",
                "--[no-]server-header", "--[no-]date-header", "--root-path", "--lifespan", "--ws=", "--ws-max-size",
                "--ws-max-queue", "--ws-ping-interval", "--ws-ping-timeout", "--ws-per-message-deflate", "--loops",
                "--limit-request-line", "--limit-request-headers-size", "--limit-request-fields",
                "--limit-request-body", "--version", "-h, --help", "JVICORN_", "--config", "--env-file",
                "--log-config", "--access-log-format", "%(client_addr)s", "--[no-]use-colors", "--[no-]proxy-headers",
                "--forwarded-allow-ips", "--limit-max-requests-jitter", "--ssl-version"}) {
            assertTrue(out().contains(option), option);
        }
        assertEquals(0, run(Map.of(), "-h"));
    }

    @Test
    void aMissingAppIsAUsageError() {
        assertEquals(2, run(Map.of()));
        assertEquals("Error: Missing required parameter: 'APP' (or set JVICORN_APP)\n"
                + "Try 'jvicorn --help' for help.\n", err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void anInvalidOptionIsAUsageErrorNamingIt() {
        assertEquals(2, run(Map.of(), "--port", "eighty", "m:app"));
        assertTrue(err().startsWith("Error: Invalid value for option '--port': 'eighty' is not a whole number"),
                err());
        assertEquals(2, run(Map.of("JVICORN_BACKLOG", "0"), "m:app"));
        assertTrue(err().contains("Invalid value for option '--backlog': '0' must be at least 1"), err());
    }

    @Test
    void aStaticMountThatIsNoDirectoryIsAUsageErrorNamingTheOption() {
        assertEquals(2, run(Map.of(), "--static-path-mount", "/no/such/dir", "io.jvicorn.cli.testapps:HelloTestApp"));
        assertTrue(err().startsWith("Error: --static-path-mount/--static-path-route: the static directory /no/such/dir "
                + "does not exist\n"), err());
        assertEquals(2, run(Map.of(), "--static-path-mount", ".", "--static-path-route", "assets",
                "io.jvicorn.cli.testapps:HelloTestApp"));
        assertTrue(err().contains("Error: --static-path-mount/--static-path-route: the static route must start with "
                + "'/', got 'assets'\n"), err());
    }

    @Test
    void sslVersionsTheJvmCannotServeAreUsageErrorsSayingWhy() {
        assertEquals(2, run(Map.of(), "--ssl-version", "3", "m:app"));
        assertTrue(err().startsWith("Error: Invalid value for option '--ssl-version': 3 (PROTOCOL_TLSv1) is TLS 1.0, "
                + "which the JVM disables as insecure (RFC 8996); use 17 (TLS 1.3 and 1.2, the default) or 5 (TLS 1.2 "
                + "only) instead"), err());
        errBytes.reset();
        assertEquals(2, run(Map.of("JVICORN_SSL_VERSION", "4"), "m:app"));
        assertTrue(err().startsWith("Error: Invalid value for option '--ssl-version': 4 (PROTOCOL_TLSv1_1) is TLS 1.1"),
                err());
        errBytes.reset();
        assertEquals(2, run(Map.of(), "--ssl-version", "16", "m:app"));
        assertTrue(err().startsWith("Error: Invalid value for option '--ssl-version': 16 is Python's "
                + "PROTOCOL_TLS_CLIENT, which only connects to servers and cannot serve; accepted are 17 or 2"), err());
        errBytes.reset();
        assertEquals(2, run(Map.of(), "--ssl-version", "TLS1.3", "m:app"));
        assertTrue(err().startsWith("Error: Invalid value for option '--ssl-version': 'TLS1.3' is not a TLS version "
                + "that a server can use; accepted are 17 or 2 (PROTOCOL_TLS_SERVER, PROTOCOL_TLS: TLS 1.3 and 1.2, "
                + "the default), 5 or TLSv1.2 (PROTOCOL_TLSv1_2: TLS 1.2 only) and TLSv1.3 (TLS 1.3 only)"), err());
    }

    @Test
    void aConfigurationTheServerRejectsIsAUsageError() {
        assertEquals(2, run(Map.of(), "--root-path", "api/", "io.jvicorn.cli.testapps:PlainApp"));
        assertTrue(err().contains("Error: root-path must start with '/' and not end with '/', got 'api/'"), err());
    }

    @Test
    void badConfigurationFilesAreUsageErrors(@TempDir Path dir) throws Exception {
        Path toml = Files.writeString(dir.resolve("jvicorn.toml"), "prot = 1\n");
        assertEquals(2, run(Map.of(), "--config", toml.toString(), "m:app"));
        assertTrue(err().startsWith("Error: unknown key 'prot' in " + toml + ":1; valid keys: "), err());

        errBytes.reset();
        Path env = Files.writeString(dir.resolve(".env"), "A='x\n");
        assertEquals(2, run(Map.of(), "--env-file", env.toString(), "m:app"));
        assertTrue(err().startsWith("Error: " + env + ":1: unterminated single-quoted value"), err());
    }

    @Test
    void anUnreadableLogConfigIsAUsageError(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("bad.properties"), "a = \\uZZZZ\n");
        assertEquals(2, run(Map.of(), "--log-config", config.toString(), "io.jvicorn.cli.testapps:PlainApp"));
        assertTrue(err().startsWith("Error: cannot read --log-config " + config + ": "), err());
    }

    @Test
    void envFileVariablesBecomeSystemPropertiesUnlessAlreadySet() {
        System.setProperty("jvicorn.test.preset", "from -D");
        try {
            Main.exposeAsSystemProperties(Map.of("jvicorn.test.new", "from file", "jvicorn.test.preset", "from file"));
            assertEquals("from file", System.getProperty("jvicorn.test.new"));
            assertEquals("from -D", System.getProperty("jvicorn.test.preset"));
        } finally {
            System.clearProperty("jvicorn.test.preset");
            System.clearProperty("jvicorn.test.new");
        }
    }

    @Test
    void aMalformedImportStringExitsWith3() {
        assertEquals(3, run(Map.of(), "myapp"));
        assertEquals("ERROR:    Error loading ASGI app. Import string \"myapp\" must be in format "
                + "\"<module>:<attribute>\".\n", err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aMissingModuleExitsWith3AndSaysHowToFixIt() {
        assertEquals(3, run(Map.of("JVICORN_APP", "com.example.nowhere:App")));
        assertTrue(err().startsWith("ERROR:    Error loading ASGI app. Could not import module "
                + "\"com.example.nowhere\"."), err());
        assertTrue(err().contains("--app-dir"), err());
    }

    @Test
    void aMissingAttributeExitsWith3() {
        assertEquals(3, run(Map.of(), "io.jvicorn.cli.testapps.Holder:nothing"));
        assertEquals("ERROR:    Error loading ASGI app. Attribute \"nothing\" not found in module "
                + "\"io.jvicorn.cli.testapps.Holder\".\n", err().replace(System.lineSeparator(), "\n"));
    }
}
