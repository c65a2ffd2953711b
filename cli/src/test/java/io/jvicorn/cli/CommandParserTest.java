package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where option values come from: command line, then environment, then --config file, then defaults. */
class CommandParserTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static ParsedCommand parse(Map<String, String> env, String... args) throws UsageException {
        return CommandParser.parse(args, env);
    }

    private static String usageError(Map<String, String> env, String... args) {
        return assertThrows(UsageException.class, () -> CommandParser.parse(args, env)).getMessage();
    }

    @Test
    void commandLineBeatsEnvironmentBeatsConfigFileBeatsDefaults() throws Exception {
        Path toml = file("jvicorn.toml", """
                app = "file:App"
                port = 7000
                backlog = 64
                timeout_keep_alive = 9
                root-path = "/file"
                """);
        ParsedCommand command = parse(Map.of("JVICORN_PORT", "8001", "JVICORN_BACKLOG", "32"),
                "--config", toml.toString(), "--backlog", "16");
        CliOptions options = command.options();
        assertEquals("file:App", options.app);
        assertEquals(8001, options.port);              // environment over file
        assertEquals(16, options.backlog);             // command line over environment
        assertEquals(Duration.ofSeconds(9), options.timeoutKeepAlive); // file over default
        assertEquals("/file", options.rootPath);
        assertEquals("127.0.0.1", options.host);      // default
    }

    @Test
    void theConfigFileCanComeFromTheEnvironment() throws Exception {
        Path properties = file("jvicorn.properties", "port = 7001\nlog-level = debug\n");
        ParsedCommand command = parse(Map.of("JVICORN_CONFIG", properties.toString()), "m:app");
        assertEquals(7001, command.options().port);
        assertEquals(LogLevel.DEBUG, command.options().logLevel);
        assertTrue(command.logLevelGiven());
    }

    @Test
    void everyKindOfOptionWorksFromAFile() throws Exception {
        Path toml = file("all.toml", """
                app = "m:app"
                factory = true
                app-dir = ["a", "b"]
                header = ["X-A: 1", "X-B: two, three"]
                access-log = "no"
                use-colors = true
                server-header = false
                proxy-headers = false
                forwarded-allow-ips = "10.0.0.0/8, unix:"
                limit-max-requests = 100
                limit-max-requests-jitter = 10
                access-log-format = "%(status)s %(duration_ms)s ${literal}"
                timeout-request-header = 2.5
                ws-per-message-deflate = false
                """);
        CliOptions options = parse(Map.of(), "--config", toml.toString()).options();
        assertTrue(options.factory);
        assertEquals(List.of("a", "b"), options.appDirs);
        assertEquals(List.of(Header.of("X-A", "1"), Header.of("X-B", "two, three")), options.headers);
        assertFalse(options.accessLog);
        assertTrue(options.useColors);
        assertFalse(options.serverHeader);
        assertFalse(options.proxyHeaders);
        assertEquals("10.0.0.0/8, unix:", options.forwardedAllowIps);
        assertEquals(100, options.limitMaxRequests);
        assertEquals(10, options.limitMaxRequestsJitter);
        assertEquals("%(status)s %(duration_ms)s ${literal}", options.accessLogFormat);
        assertEquals(Duration.ofMillis(2500), options.timeoutRequestHeader);
        assertFalse(options.wsPerMessageDeflate);
    }

    @Test
    void theCommandLineReplacesAFilesRepeatableValues() throws Exception {
        Path toml = file("h.toml", "header = [\"X-File: 1\"]\n");
        assertEquals(List.of(Header.of("X-Cli", "2")),
                parse(Map.of(), "--config", toml.toString(), "--header", "X-Cli: 2", "m:app").options().headers);
    }

    @Test
    void anUnknownKeyIsNamedWithTheValidOnes() throws Exception {
        Path toml = file("bad.toml", "prot = 8000\n");
        String message = usageError(Map.of(), "--config", toml.toString(), "m:app");
        assertTrue(message.startsWith("unknown key 'prot' in " + toml + ":1; valid keys: access-log, "
                + "access-log-format, app, app-dir, backlog, "), message);
        assertTrue(message.contains(", port, proxy-headers, "), message);
        assertFalse(message.contains("help"), message);
        assertFalse(message.contains(" config,"), message);
    }

    @Test
    void theConfigFileCannotNameAnother() throws Exception {
        Path toml = file("nested.toml", "config = \"other.toml\"\n");
        assertTrue(usageError(Map.of(), "--config", toml.toString()).startsWith("unknown key 'config' in "));
    }

    @Test
    void anArrayForASingleValueIsAnError() throws Exception {
        Path toml = file("array.toml", "\nport = [1, 2]\n");
        assertEquals(toml + ":2: 'port' takes a single value, not an array",
                usageError(Map.of(), "--config", toml.toString(), "m:app"));
    }

    @Test
    void aBadValueNamesItsSource() throws Exception {
        Path toml = file("value.toml", "port = \"http\"\n");
        assertEquals("Invalid value for option '--port': 'http' is not a whole number (from " + toml + ")",
                usageError(Map.of(), "--config", toml.toString(), "m:app"));
        assertEquals("Invalid value for option '--backlog': '0' must be at least 1 (from JVICORN_BACKLOG)",
                usageError(Map.of("JVICORN_BACKLOG", "0"), "m:app"));
        assertEquals("Invalid value for option '--port': 'x' is not a whole number",
                usageError(Map.of("JVICORN_PORT", "y"), "--port", "x", "m:app"));
    }

    @Test
    void aSyntaxErrorInTheConfigFileNamesTheLine() throws Exception {
        Path toml = file("syntax.toml", "port = 1\n[server]\n");
        assertEquals(toml + ":2: tables ([...]) are not supported: put every key at the top level",
                usageError(Map.of(), "--config", toml.toString(), "m:app"));
    }

    @Test
    void theEnvFileFeedsOptionVariablesAndForwardedAllowIps() throws Exception {
        Path env = file("app.env", """
                JVICORN_PORT=9100
                FORWARDED_ALLOW_IPS="10.0.0.0/8"
                WEB_CONCURRENCY=4
                GREETING='hello there'
                """);
        ParsedCommand command = parse(Map.of(), "--env-file", env.toString(), "m:app");
        assertEquals(9100, command.options().port);
        assertEquals("10.0.0.0/8", command.options().forwardedAllowIps);
        assertEquals(Map.of("JVICORN_PORT", "9100", "FORWARDED_ALLOW_IPS", "10.0.0.0/8", "WEB_CONCURRENCY", "4",
                "GREETING", "hello there"), command.envFileVariables());
    }

    @Test
    void theRealEnvironmentBeatsTheEnvFile() throws Exception {
        Path env = file("app.env", "JVICORN_PORT=9100\nFORWARDED_ALLOW_IPS=10.0.0.1\n");
        CliOptions options = parse(Map.of("JVICORN_PORT", "9200", "FORWARDED_ALLOW_IPS", "*"),
                "--env-file", env.toString(), "m:app").options();
        assertEquals(9200, options.port);
        assertEquals("*", options.forwardedAllowIps);
    }

    @Test
    void theEnvFileCanBeNamedInTheConfigFileOrTheEnvironment() throws Exception {
        Path env = file("app.env", "JVICORN_BACKLOG=77\n");
        Path toml = file("jvicorn.toml", "env-file = \"" + env.toString().replace("\\", "\\\\") + "\"\n");
        assertEquals(77, parse(Map.of(), "--config", toml.toString(), "m:app").options().backlog);
        assertEquals(77, parse(Map.of("JVICORN_ENV_FILE", env.toString()), "m:app").options().backlog);

        Path missing = file("missing.toml", "env-file = \"" + dir.resolve("nope.env").toString().replace("\\", "\\\\")
                + "\"\n");
        assertEquals("Invalid value for option '--env-file': file '" + dir.resolve("nope.env")
                + "' does not exist (from " + missing + ")", usageError(Map.of(), "--config", missing.toString()));
    }

    @Test
    void envFileValuesOverrideTheConfigFile() throws Exception {
        Path env = file("app.env", "JVICORN_PORT=9300\n");
        Path toml = file("jvicorn.toml", "port = 7000\n");
        assertEquals(9300, parse(Map.of(), "--config", toml.toString(), "--env-file", env.toString(), "m:app")
                .options().port);
    }

    @Test
    void aMalformedEnvFileNamesTheLine() throws Exception {
        Path env = file("bad.env", "A=1\nB=\"open\n");
        assertEquals(env + ":2: unterminated double-quoted value",
                usageError(Map.of(), "--env-file", env.toString(), "m:app"));
    }

    @Test
    void logLevelGivenOnlyWhenSetSomewhere() throws Exception {
        assertFalse(parse(Map.of(), "m:app").logLevelGiven());
        assertTrue(parse(Map.of(), "--log-level", "info", "m:app").logLevelGiven());
        assertTrue(parse(Map.of("JVICORN_LOG_LEVEL", "warning"), "m:app").logLevelGiven());
    }

    @Test
    void helpAndVersionSkipTheFiles() throws Exception {
        ParsedCommand help = parse(Map.of("JVICORN_CONFIG", "pom.xml"), "--help");
        assertTrue(help.commandLine().isUsageHelpRequested());
        assertNull(help.options().app);
        assertTrue(parse(Map.of(), "--version", "--config", "pom.xml").commandLine().isVersionHelpRequested());
    }

    @Test
    void appDirArraysJoinWithThePathSeparator() throws Exception {
        Path toml = file("dirs.toml", "app-dir = [\"x\", \"y\", \"z\"]\n");
        assertEquals(List.of("x", "y", "z"), parse(Map.of(), "--config", toml.toString(), "m:app").options().appDirs);
        Path properties = file("dirs.properties", "app-dir = x" + File.pathSeparator + "y\n");
        assertEquals(List.of("x", "y"), parse(Map.of(), "--config", properties.toString(), "m:app").options().appDirs);
    }
}
