package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.http11.codec.ParserLimits;
import io.jvicorn.http2.session.SessionLimits;
import io.jvicorn.lifespan.LifespanMode;
import io.jvicorn.server.HttpProtocols;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.ServerConfig.WebSocketSettings;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParameterException;

class CliOptionsTest {
    private static final Application APP = (scope, receive, send) -> { };

    private static CliOptions parse(Map<String, String> env, String... args) {
        CliOptions options = new CliOptions();
        Main.commandLine(options, env).parseArgs(args);
        return options;
    }

    private static CliOptions parse(String... args) {
        return parse(Map.of(), args);
    }

    private static String parseError(Map<String, String> env, String... args) {
        return assertThrows(ParameterException.class, () -> parse(env, args)).getMessage();
    }

    @Test
    void defaultsAreUvicorns() {
        CliOptions options = parse("m:app");
        assertEquals("m:app", options.app);
        assertFalse(options.factory);
        assertEquals(List.of("."), options.appDirs);
        assertEquals(LogLevel.INFO, options.logLevel);

        ServerConfig config = options.toServerConfig(APP);
        assertEquals("127.0.0.1", config.host());
        assertEquals(8000, config.port());
        assertEquals(2048, config.backlog());
        assertEquals(io.jvicorn.server.CoreShare.defaultLoops(io.jvicorn.server.Carriers.LOOPS), config.loops());
        assertEquals(io.jvicorn.server.Carriers.LOOPS, config.carriers());
        assertEquals(Duration.ofSeconds(5), config.timeoutKeepAlive());
        assertEquals(Duration.ofSeconds(30), config.timeoutRequestHeader());
        assertNull(config.timeoutGracefulShutdown());
        assertNull(config.limitConcurrency());
        assertNull(config.limitMaxRequests());
        assertTrue(config.serverHeader());
        assertTrue(config.dateHeader());
        assertEquals(List.of(), config.headers());
        assertEquals("", config.rootPath());
        assertTrue(config.accessLog());
        assertEquals(LifespanMode.AUTO, config.lifespan());
        assertEquals(ParserLimits.DEFAULTS, config.parserLimits());
        assertEquals(WebSocketSettings.DEFAULTS, config.webSocket());
        assertTrue(config.proxyHeaders());
        assertEquals("127.0.0.1", config.forwardedAllowIps());
        assertFalse(config.proxyProtocol());
        assertEquals(0, config.limitMaxRequestsJitter());
        assertNull(config.accessLogFormat());
        assertFalse(config.useColors());
        assertNull(options.useColors);
        assertNull(options.logConfig);
        assertNull(options.envFile);
        assertNull(options.config);
    }

    @Test
    void everyOptionReachesTheServerConfig() {
        CliOptions options = parse("--factory", "--app-dir", "build/classes", "--app-dir", "lib/app.jar",
                "--host", "::", "--port", "0", "--log-level", "DEBUG", "--no-access-log",
                "--timeout-keep-alive", "1.5", "--timeout-graceful-shutdown", "10", "--timeout-request-header", "7",
                "--limit-concurrency", "100", "--limit-max-requests", "5000", "--backlog", "128",
                "--header", "X-Served-By: edge 1", "--header", "Server:custom", "--no-server-header",
                "--no-date-header", "--root-path", "/api", "--lifespan", "on", "--ws", "none",
                "--ws-max-size", "1024", "--ws-max-queue", "4", "--ws-ping-interval", "0", "--ws-ping-timeout", "2.5",
                "--ws-per-message-deflate", "false", "--loops", "3", "--carriers", "Pool", "--limit-request-line", "4096",
                "--limit-request-headers-size", "8192", "--limit-request-fields", "50",
                "--limit-request-body", "1048576", "--no-proxy-headers", "--forwarded-allow-ips", "10.0.0.0/8, unix:",
                "--limit-max-requests-jitter", "50", "--access-log-format", "%(client_addr)s %(duration_ms)s",
                "--use-colors", "--log-config", "pom.xml", "--env-file", "pom.xml", "--config", "pom.xml",
                "com.example:App");
        assertTrue(options.factory);
        assertEquals(List.of(Path.of("build/classes").toAbsolutePath(), Path.of("lib/app.jar").toAbsolutePath()),
                options.appDirPaths());
        assertEquals(LogLevel.DEBUG, options.logLevel);

        ServerConfig config = options.toServerConfig(APP);
        assertEquals("::", config.host());
        assertEquals(0, config.port());
        assertEquals(128, config.backlog());
        assertEquals(3, config.loops());
        assertEquals(io.jvicorn.server.Carriers.POOL, config.carriers());
        assertEquals(Duration.ofMillis(1500), config.timeoutKeepAlive());
        assertEquals(Duration.ofSeconds(7), config.timeoutRequestHeader());
        assertEquals(Duration.ofSeconds(10), config.timeoutGracefulShutdown());
        assertEquals(100, config.limitConcurrency());
        assertEquals(5000, config.limitMaxRequests());
        assertFalse(config.serverHeader());
        assertFalse(config.dateHeader());
        assertEquals(List.of(Header.of("X-Served-By", "edge 1"), Header.of("Server", "custom")), config.headers());
        assertEquals("/api", config.rootPath());
        assertFalse(config.accessLog());
        assertEquals(LifespanMode.ON, config.lifespan());
        assertEquals(new ParserLimits(4096, 8192, 50, 1048576, ParserLimits.DEFAULTS.maxChunkExtensionBytes()),
                config.parserLimits());
        assertEquals(new WebSocketSettings(false, 1024, 4, null, Duration.ofMillis(2500), false), config.webSocket());
        assertFalse(config.proxyHeaders());
        assertEquals("10.0.0.0/8, unix:", config.forwardedAllowIps());
        assertEquals(50, config.limitMaxRequestsJitter());
        assertEquals("%(client_addr)s %(duration_ms)s", config.accessLogFormat());
        assertTrue(config.useColors());
        assertEquals(Path.of("pom.xml"), options.logConfig);
        assertEquals(Path.of("pom.xml"), options.envFile);
        assertEquals(Path.of("pom.xml"), options.config);
        assertFalse(options.toServerConfig(APP, false).useColors());
    }

    @Test
    void everyOptionAlsoComesFromTheEnvironment() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("JVICORN_APP", "com.example:App"),
                Map.entry("JVICORN_FACTORY", "yes"),
                Map.entry("JVICORN_APP_DIR", "a" + File.pathSeparator + "b"),
                Map.entry("JVICORN_HOST", "0.0.0.0"),
                Map.entry("JVICORN_PORT", "9000"),
                Map.entry("JVICORN_LOG_LEVEL", "warning"),
                Map.entry("JVICORN_ACCESS_LOG", "0"),
                Map.entry("JVICORN_TIMEOUT_KEEP_ALIVE", "2"),
                Map.entry("JVICORN_TIMEOUT_GRACEFUL_SHUTDOWN", "3"),
                Map.entry("JVICORN_TIMEOUT_REQUEST_HEADER", "4"),
                Map.entry("JVICORN_LIMIT_CONCURRENCY", "5"),
                Map.entry("JVICORN_LIMIT_MAX_REQUESTS", "6"),
                Map.entry("JVICORN_BACKLOG", "7"),
                Map.entry("JVICORN_HEADER", "X-A: 1\nX-B: two words"),
                Map.entry("JVICORN_SERVER_HEADER", "false"),
                Map.entry("JVICORN_DATE_HEADER", "off"),
                Map.entry("JVICORN_ROOT_PATH", "/mount"),
                Map.entry("JVICORN_LIFESPAN", "off"),
                Map.entry("JVICORN_WS", "none"),
                Map.entry("JVICORN_WS_MAX_SIZE", "100"),
                Map.entry("JVICORN_WS_MAX_QUEUE", "2"),
                Map.entry("JVICORN_WS_PING_INTERVAL", "8"),
                Map.entry("JVICORN_WS_PING_TIMEOUT", "9"),
                Map.entry("JVICORN_WS_PER_MESSAGE_DEFLATE", "no"),
                Map.entry("JVICORN_LOOPS", "2"),
                Map.entry("JVICORN_LIMIT_REQUEST_LINE", "1000"),
                Map.entry("JVICORN_LIMIT_REQUEST_HEADERS_SIZE", "2000"),
                Map.entry("JVICORN_LIMIT_REQUEST_FIELDS", "30"),
                Map.entry("JVICORN_LIMIT_REQUEST_BODY", "4000"),
                Map.entry("JVICORN_PROXY_HEADERS", "off"),
                Map.entry("JVICORN_FORWARDED_ALLOW_IPS", "*"),
                Map.entry("JVICORN_LIMIT_MAX_REQUESTS_JITTER", "8"),
                Map.entry("JVICORN_ACCESS_LOG_FORMAT", "%(status)s"),
                Map.entry("JVICORN_USE_COLORS", "yes"),
                Map.entry("JVICORN_LOG_CONFIG", "pom.xml"),
                Map.entry("JVICORN_ENV_FILE", "pom.xml"),
                Map.entry("JVICORN_CONFIG", "pom.xml"));
        CliOptions options = parse(env);
        assertEquals("com.example:App", options.app);
        assertTrue(options.factory);
        assertEquals(List.of("a", "b"), options.appDirs);
        assertEquals(LogLevel.WARNING, options.logLevel);

        ServerConfig config = options.toServerConfig(APP);
        assertEquals("0.0.0.0", config.host());
        assertEquals(9000, config.port());
        assertFalse(config.accessLog());
        assertEquals(Duration.ofSeconds(2), config.timeoutKeepAlive());
        assertEquals(Duration.ofSeconds(3), config.timeoutGracefulShutdown());
        assertEquals(Duration.ofSeconds(4), config.timeoutRequestHeader());
        assertEquals(5, config.limitConcurrency());
        assertEquals(6, config.limitMaxRequests());
        assertEquals(7, config.backlog());
        assertEquals(List.of(Header.of("X-A", "1"), Header.of("X-B", "two words")), config.headers());
        assertFalse(config.serverHeader());
        assertFalse(config.dateHeader());
        assertEquals("/mount", config.rootPath());
        assertEquals(LifespanMode.OFF, config.lifespan());
        assertEquals(new WebSocketSettings(false, 100, 2, Duration.ofSeconds(8), Duration.ofSeconds(9), false),
                config.webSocket());
        assertEquals(2, config.loops());
        assertEquals(new ParserLimits(1000, 2000, 30, 4000, ParserLimits.DEFAULTS.maxChunkExtensionBytes()),
                config.parserLimits());
        assertFalse(config.proxyHeaders());
        assertEquals("*", config.forwardedAllowIps());
        assertEquals(8, config.limitMaxRequestsJitter());
        assertEquals("%(status)s", config.accessLogFormat());
        assertTrue(config.useColors());
        assertEquals(Path.of("pom.xml"), options.logConfig);
        assertEquals(Path.of("pom.xml"), options.envFile);
        assertEquals(Path.of("pom.xml"), options.config);
    }

    @Test
    void forwardedAllowIpsFallsBackToUvicornsVariable() {
        assertEquals("10.1.1.1", parse(Map.of("FORWARDED_ALLOW_IPS", "10.1.1.1"), "m:app").toServerConfig(APP)
                .forwardedAllowIps());
        assertEquals("10.2.2.2", parse(Map.of("FORWARDED_ALLOW_IPS", "10.1.1.1",
                "JVICORN_FORWARDED_ALLOW_IPS", "10.2.2.2"), "m:app").toServerConfig(APP).forwardedAllowIps());
        assertEquals("10.3.3.3", parse(Map.of("FORWARDED_ALLOW_IPS", "10.1.1.1"), "--forwarded-allow-ips",
                "10.3.3.3", "m:app").toServerConfig(APP).forwardedAllowIps());
        assertEquals("127.0.0.1", parse(Map.of("FORWARDED_ALLOW_IPS", ""), "m:app").toServerConfig(APP)
                .forwardedAllowIps());
    }

    @Test
    void timeoutRequestHeaderExistsWithGranianDefault() {
        assertEquals(Duration.ofSeconds(30), parse("m:app").timeoutRequestHeader);
        assertEquals(Duration.ofMillis(2500), parse("--timeout-request-header", "2.5", "m:app")
                .toServerConfig(APP).timeoutRequestHeader());
    }

    @Test
    void theCommandLineBeatsTheEnvironment() {
        Map<String, String> env = Map.of("JVICORN_APP", "env:App", "JVICORN_PORT", "9000",
                "JVICORN_ACCESS_LOG", "false", "JVICORN_SERVER_HEADER", "true", "JVICORN_FACTORY", "true",
                "JVICORN_HEADER", "X-Env: 1", "JVICORN_APP_DIR", "env-dir");
        CliOptions options = parse(env, "--port", "7000", "--access-log", "--no-server-header", "--factory",
                "--header", "X-Cli: 2", "--app-dir", "cli-dir", "cli:App");
        assertEquals("cli:App", options.app);
        assertEquals(7000, options.port);
        assertTrue(options.accessLog);
        assertFalse(options.serverHeader);
        assertTrue(options.factory);
        assertEquals(List.of(Header.of("X-Cli", "2")), options.headers);
        assertEquals(List.of("cli-dir"), options.appDirs);
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        CliOptions options = parse(Map.of("JVICORN_PORT", "", "JVICORN_APP", ""));
        assertEquals(8000, options.port);
        assertNull(options.app);
    }

    @Test
    void variableNamesFollowTheOptionNames() {
        CliOptions options = new CliOptions();
        var spec = Main.commandLine(options, Map.of()).getCommandSpec();
        assertEquals("JVICORN_TIMEOUT_KEEP_ALIVE", EnvironmentDefaults.variableName(spec.findOption("--timeout-keep-alive")));
        assertEquals("JVICORN_ACCESS_LOG", EnvironmentDefaults.variableName(spec.findOption("--access-log")));
        assertEquals("JVICORN_APP", EnvironmentDefaults.variableName(spec.positionalParameters().get(0)));
        assertNull(EnvironmentDefaults.variableName(spec.findOption("--help")));
        assertNull(EnvironmentDefaults.variableName(spec.findOption("--version")));
    }

    @Test
    void parsesSecondsAndOffValues() {
        CliOptions options = parse("--timeout-keep-alive", "0.25", "--ws-ping-interval", "0",
                "--ws-ping-timeout", "0", "--timeout-graceful-shutdown", "0");
        assertEquals(Duration.ofMillis(250), options.timeoutKeepAlive);
        assertNull(options.wsPingInterval);
        assertNull(options.wsPingTimeout);
        assertEquals(Duration.ZERO, options.timeoutGracefulShutdown);
    }

    @Test
    void secondsAreReadExactlyInEveryNotation() {
        // Plain decimals are read without BigDecimal; exponents, extra digits and a leading point go through it.
        assertEquals(Duration.ofSeconds(5), parse("--timeout-keep-alive", "5.", "m:app").timeoutKeepAlive);
        assertEquals(Duration.ofNanos(999_999_999_999_999_999L),
                parse("--timeout-keep-alive", "999999999.999999999", "m:app").timeoutKeepAlive);
        assertEquals(Duration.ofSeconds(10), parse("--timeout-keep-alive", "1e1", "m:app").timeoutKeepAlive);
        assertEquals(Duration.ofMillis(500), parse("--timeout-keep-alive", ".5", "m:app").timeoutKeepAlive);
        assertEquals(Duration.ofNanos(2), parse("--timeout-keep-alive", "0.0000000015", "m:app").timeoutKeepAlive);
        assertEquals(Duration.ofSeconds(1_234_567_890), parse("--timeout-keep-alive", "1234567890", "m:app")
                .timeoutKeepAlive);
    }

    @Test
    void logLevelsAreCaseInsensitive() {
        assertEquals(LogLevel.TRACE, parse("--log-level", "Trace").logLevel);
        assertEquals(LogLevel.CRITICAL, parse("--log-level", "critical").logLevel);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--port|abc|Invalid value for option '--port': 'abc' is not a whole number",
            "--port|65536|Invalid value for option '--port': '65536' is not a port (0..65535)",
            "--backlog|0|Invalid value for option '--backlog': '0' must be at least 1",
            "--loops|-1|Invalid value for option '--loops': '-1' must be at least 1",
            "--carriers|threads|Invalid value for option '--carriers': expected loops or pool but was 'threads'",
            "--limit-concurrency|0|Invalid value for option '--limit-concurrency': '0' must be at least 1",
            "--limit-request-line|15|Invalid value for option '--limit-request-line': '15' must be at least 16",
            "--limit-request-body|-1|Invalid value for option '--limit-request-body': '-1' must not be negative",
            "--log-level|loud|Invalid value for option '--log-level': expected one of critical, error, warning, "
                    + "info, debug, trace but was 'loud'",
            "--lifespan|maybe|Invalid value for option '--lifespan': expected one of auto, on, off but was 'maybe'",
            "--ws|h2|Invalid value for option '--ws': expected auto or none (websockets, websockets-sansio and wsproto "
                    + "are taken as auto) but was 'h2'",
            "--timeout-keep-alive|-1|Invalid value for option '--timeout-keep-alive': '-1' must not be negative",
            "--timeout-keep-alive|soon|Invalid value for option '--timeout-keep-alive': 'soon' is not a number of "
                    + "seconds",
            "--timeout-keep-alive|1.2.3|Invalid value for option '--timeout-keep-alive': '1.2.3' is not a number of "
                    + "seconds",
            "--ws-per-message-deflate|maybe|Invalid value for option '--ws-per-message-deflate': 'maybe' is not a "
                    + "boolean (true/false, 1/0, yes/no, on/off)",
            "--limit-max-requests-jitter|-1|Invalid value for option '--limit-max-requests-jitter': '-1' must not be "
                    + "negative",
            "--forwarded-allow-ips|10.0.0.0/40|Invalid value for option '--forwarded-allow-ips': '10.0.0.0/40' is not "
                    + "a network: the prefix after '/' must be 0..32 or a netmask such as 255.255.0.0",
            "--access-log-format|%(nope)s|Invalid value for option '--access-log-format': unknown placeholder "
                    + "'%(nope)s' in the access log format; valid placeholders are %(client_addr)s, %(request_line)s, "
                    + "%(status_code)s, %(status)s, %(method)s, %(path)s, %(query_string)s, %(full_path)s, "
                    + "%(http_version)s, %(bytes)s, %(duration_ms)s, %(duration_us)s, %(time)s, %({header}i)s",
            "--log-config|no-such-file.ini|Invalid value for option '--log-config': file 'no-such-file.ini' does not "
                    + "exist",
            "--env-file|no-such.env|Invalid value for option '--env-file': file 'no-such.env' does not exist",
            "--config|no-such.toml|Invalid value for option '--config': file 'no-such.toml' does not exist",
            "--config|src|Invalid value for option '--config': 'src' is not a readable file",
    })
    void invalidValuesNameTheOption(String option, String value, String message) {
        assertEquals(message, parseError(Map.of(), option, value, "m:app"));
    }

    @Test
    void invalidEnvironmentValuesNameTheOptionToo() {
        assertEquals("Invalid value for option '--port': 'http' is not a whole number",
                parseError(Map.of("JVICORN_PORT", "http"), "m:app"));
    }

    @Test
    void useColorsIsAutoUnlessGiven() {
        assertNull(parse("m:app").useColors);
        assertTrue(parse("--use-colors", "m:app").useColors);
        assertFalse(parse("--no-use-colors", "m:app").useColors);
        assertFalse(parse(Map.of("JVICORN_USE_COLORS", "0"), "m:app").useColors);
        assertTrue(parse(Map.of("JVICORN_USE_COLORS", "0"), "--use-colors", "m:app").useColors);
    }

    @Test
    void proxyProtocolIsOffUnlessAsked() {
        assertTrue(parse("--proxy-protocol", "m:app").toServerConfig(APP).proxyProtocol());
        assertFalse(parse("--no-proxy-protocol", "m:app").toServerConfig(APP).proxyProtocol());
        assertTrue(parse(Map.of("JVICORN_PROXY_PROTOCOL", "1"), "m:app").toServerConfig(APP).proxyProtocol());
    }

    @Test
    void proxyHeadersAreNegatable() {
        assertTrue(parse("--proxy-headers", "m:app").proxyHeaders);
        assertFalse(parse("--no-proxy-headers", "m:app").proxyHeaders);
        assertTrue(parse(Map.of("JVICORN_PROXY_HEADERS", "false"), "--proxy-headers", "m:app").proxyHeaders);
    }

    @Test
    void unknownOptionsAndExtraArgumentsAreRejected() {
        assertEquals("Unknown option: '--reloader'", parseError(Map.of(), "--reloader", "m:app"));
        assertEquals("Unmatched argument at index 1: 'extra'", parseError(Map.of(), "m:app", "extra"));
    }

    @Test
    void workersDefaultToWebConcurrencyThenOne() {
        assertEquals(1, parse("m:app").workers);
        assertEquals(4, parse("--workers", "4", "m:app").workers);
        assertEquals(3, parse(Map.of("WEB_CONCURRENCY", "3"), "m:app").workers);
        assertEquals(2, parse(Map.of("WEB_CONCURRENCY", "3", "JVICORN_WORKERS", "2"), "m:app").workers);
        assertEquals(5, parse(Map.of("WEB_CONCURRENCY", "3"), "--workers", "5", "m:app").workers);
        assertTrue(parseError(Map.of(), "--workers", "0", "m:app").contains("--workers"));
        assertEquals(Duration.ofSeconds(5), parse("m:app").timeoutWorkerHealthcheck);
        assertEquals(Duration.ofMillis(1500), parse("--timeout-worker-healthcheck", "1.5", "m:app")
                .timeoutWorkerHealthcheck);
    }

    @Test
    void reloadOptions() {
        CliOptions defaults = parse("m:app");
        assertFalse(defaults.reload);
        assertEquals(Duration.ofMillis(250), defaults.reloadDelay);
        assertFalse(defaults.reloadOptionsWithoutReload());
        CliOptions given = parse("--reload", "--reload-dir", "a", "--reload-dir", "b", "--reload-include", "*.html",
                "--reload-exclude", "*.log", "--reload-delay", "1", "m:app");
        assertTrue(given.reload);
        assertEquals(List.of("a", "b"), given.reloadDirs);
        assertEquals(List.of("*.html"), given.reloadIncludes);
        assertEquals(List.of("*.log"), given.reloadExcludes);
        assertEquals(Duration.ofSeconds(1), given.reloadDelay);
        assertTrue(parse("--reload-dir", "a", "m:app").reloadOptionsWithoutReload());
    }

    @Test
    void aWorkerListensWhereItsSupervisorReserved() {
        CliOptions options = parse("--uds", "/tmp/x.sock", "--fd", "0", "--bind", "unix:/tmp/y", "m:app");
        options.listenAsWorker(List.of("127.0.0.1:8000", "[::1]:8000"));
        ServerConfig config = options.toServerConfig(APP);
        assertEquals(List.of("127.0.0.1:8000", "[::1]:8000"), config.binds());
        assertNull(config.uds());
        assertNull(config.fd());
        assertTrue(config.reusePort());
        assertFalse(parse("m:app").toServerConfig(APP).reusePort());
    }

    @Test
    void uvicornImplementationChoicesAreAcceptedOrRefusedWithTheAlternative() {
        CliOptions options = parse("--loop", "uvloop", "--http", "httptools", "--interface", "asgi3", "--ws",
                "wsproto", "m:app");
        assertEquals("uvloop", options.loop);
        assertEquals(HttpProtocols.HTTP_1, options.httpVersions.http);
        assertEquals("auto", options.webSocket);
        assertTrue(options.toServerConfig(APP).webSocket().enabled());
        assertTrue(parseError(Map.of(), "--loop", "my.module:factory", "m:app").contains("--loops N"));
        assertTrue(parseError(Map.of(), "--http", "h2", "m:app").contains("2 (HTTP/2 only)"));
        assertTrue(parseError(Map.of(), "--interface", "wsgi", "m:app").contains("io.jvicorn.asgi.Application"));
    }

    @Test
    void httpVersionsAndHttp2LimitsReachTheConfiguration() {
        ServerConfig defaults = parse("m:app").toServerConfig(APP);
        assertEquals(HttpProtocols.AUTO, defaults.http());
        assertEquals(SessionLimits.DEFAULTS, defaults.http2Limits());
        assertEquals(HttpProtocols.HTTP_1, parse("--http", "1", "m:app").toServerConfig(APP).http());
        assertEquals(HttpProtocols.HTTP_1, parse("--http", "h11", "m:app").toServerConfig(APP).http());
        ServerConfig h2 = parse("--http", "2", "--http2-max-concurrent-streams", "8",
                "--http2-initial-stream-window-size", "1048576", "--http2-initial-connection-window-size", "4194304",
                "--http2-max-frame-size", "65536", "--http2-max-headers-size", "8192", "m:app").toServerConfig(APP);
        assertEquals(HttpProtocols.HTTP_2, h2.http());
        assertEquals(new SessionLimits(8, 1 << 20, 4 << 20, 65536, 8192, SessionLimits.DEFAULTS.maxControlFrames(),
                SessionLimits.DEFAULTS.maxEmptyDataFrames(), SessionLimits.DEFAULTS.maxResets(),
                SessionLimits.DEFAULTS.resetWindow(), SessionLimits.DEFAULTS.maxPendingOutput(),
                SessionLimits.DEFAULTS.connectProtocol()), h2.http2Limits());
        assertTrue(parseError(Map.of(), "--http2-max-frame-size", "1000", "m:app").contains("at least 16384"));
        assertTrue(parseError(Map.of(), "--http2-max-frame-size", "16777216", "m:app").contains("at most 16777215"));
        assertTrue(parseError(Map.of(), "--http2-initial-connection-window-size", "100", "m:app")
                .contains("at least 65535"));
        assertTrue(parseError(Map.of(), "--http2-max-concurrent-streams", "0", "m:app").contains("at least 1"));
    }

    @Test
    void h11MaxIncompleteEventSizeIsTheHeadLimit() {
        assertEquals(16384, parse("m:app").toServerConfig(APP).parserLimits().maxHeaderBytes());
        assertEquals(20000, parse("--h11-max-incomplete-event-size", "20000", "m:app").toServerConfig(APP)
                .parserLimits().maxHeaderBytes());
        assertEquals(20000, parse("--limit-request-headers-size", "30000", "--h11-max-incomplete-event-size",
                "20000", "m:app").toServerConfig(APP).parserLimits().maxHeaderBytes());
    }

    @Test
    void resetContextvarsRunsEachRequestOnANewThread() {
        assertFalse(parse("m:app").toServerConfig(APP).threadPerRequest());
        assertTrue(parse("--reset-contextvars", "m:app").toServerConfig(APP).threadPerRequest());
    }
}
