package io.jvicorn.cli;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.cli.reload.ReloadSettings;
import io.jvicorn.observe.ServerObserver;
import io.jvicorn.server.Carriers;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.ServerConfig.WebSocketSettings;
import io.jvicorn.server.SourceFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code jvicorn} command's options, with Uvicorn's names and defaults. Picocli fills the fields; every option can
 * also come from a {@code JVICORN_<NAME>} environment variable (see {@link EnvironmentDefaults}).
 */
@Command(name = "jvicorn",
        addMethodSubcommands = false,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Serves a jvicorn application (an ASGI-style io.jvicorn.asgi.Application) over HTTP/1.1 and "
                + "WebSocket.",
        footer = "%nEvery option can also be set with an environment variable JVICORN_<NAME> (for example "
                + "JVICORN_PORT=8080, JVICORN_APP for APP) or in the --config file; the command line wins over the "
                + "environment, which wins over the file.")
final class CliOptions {
    /** Uvicorn's default when neither the option nor {@code FORWARDED_ALLOW_IPS} is set. */
    static final String DEFAULT_FORWARDED_ALLOW_IPS = "127.0.0.1";

    @Parameters(arity = "0..1", paramLabel = "APP",
            description = "The application as <package>:<Class>, <package.Class>:<field or method>, for example "
                    + "com.example:App or com.example.Main:app.")
    @Nullable String app;

    @Option(names = "--factory", arity = "0", fallbackValue = "true",
            description = "Treat APP as a factory: a static no-arg method, or a class implementing "
                    + "java.util.function.Supplier<Application>, called to produce the application.")
    boolean factory;

    @Option(names = "--app-dir", paramLabel = "PATH", split = "${sys:path.separator}", hideParamSyntax = true,
            defaultValue = ".",
            description = "A directory of classes or a jar to load APP from; repeatable, or several joined with the "
                    + "path separator. Default: the working directory.")
    List<String> appDirs = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", converter = Converters.ExistingFile.class,
            description = "Read option defaults from this file: a .properties file, or TOML when the name ends in "
                    + ".toml; each key is an option's long name without dashes (port = 8000). The command line and "
                    + "JVICORN_* variables win over it.")
    @Nullable Path config;

    @Option(names = "--env-file", paramLabel = "PATH", converter = Converters.ExistingFile.class,
            description = "Read KEY=VALUE lines (dotenv syntax) into system properties for the application; they "
                    + "also supply JVICORN_* and FORWARDED_ALLOW_IPS where the environment lacks them.")
    @Nullable Path envFile;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Bind to this address. Default: ${DEFAULT-VALUE}; '::' or '0.0.0.0' for every interface.")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000", converter = Converters.Port.class,
            description = "Bind to this port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--uds", paramLabel = "PATH",
            description = "Listen on this unix domain socket instead of --host/--port; the file gets mode 0666 "
                    + "unless it exists already, and is removed at exit.")
    @Nullable String uds;

    @Option(names = "--fd", paramLabel = "N", converter = Converters.NonNegativeInt.class,
            description = "Listen on the inherited listening socket with this file descriptor instead of "
                    + "--host/--port: 3 for systemd socket activation (Accept=no), which needs Java 22 or newer, or 0 "
                    + "for a socket passed as standard input (StandardInput=socket, inetd wait mode).")
    @Nullable Integer fd;

    @Option(names = "--bind", paramLabel = "ADDRESS", split = "\\s+", hideParamSyntax = true,
            description = "Listen on HOST:PORT, [IPv6]:PORT, unix:PATH or fd://N instead of --host/--port; "
                    + "repeatable. From the environment, separate several with spaces.")
    List<String> binds = new ArrayList<>();

    @Option(names = "--reload", arity = "0", fallbackValue = "true",
            description = "Restart the server when class files or jars change (a development aid): a reloader "
                    + "process runs the server as a child and starts a new one after each change.")
    boolean reload;

    @Option(names = "--reload-mode", paramLabel = "MODE", defaultValue = "process",
            converter = Converters.ReloadModes.class,
            description = "How --reload applies a change: 'process' restarts the server process (Uvicorn's way); "
                    + "'in-process' keeps the server and its connections, loads the --app-dir classes afresh in a new "
                    + "class loader, and moves new requests to the new application once its lifespan startup "
                    + "completed, while running requests finish on the old one. Default: ${DEFAULT-VALUE}.")
    ReloadMode reloadMode = ReloadMode.PROCESS;

    @Option(names = "--reload-dir", paramLabel = "PATH",
            description = "A directory to watch with --reload; repeatable. Default: the working directory (and every "
                    + "--app-dir outside it).")
    List<String> reloadDirs = new ArrayList<>();

    @Option(names = "--reload-include", paramLabel = "GLOB",
            description = "Also reload on files matching this glob (or below this directory); repeatable. Default: "
                    + "*.class, *.jar.")
    List<String> reloadIncludes = new ArrayList<>();

    @Option(names = "--reload-exclude", paramLabel = "GLOB",
            description = "Ignore files matching this glob (or below this directory); repeatable. Default: .*, *~, "
                    + ".*.sw?, *.tmp.")
    List<String> reloadExcludes = new ArrayList<>();

    @Option(names = "--reload-delay", paramLabel = "SECONDS", defaultValue = "0.25",
            converter = Converters.Seconds.class,
            description = "Wait for changes to settle this long before reloading. Default: ${DEFAULT-VALUE}.")
    Duration reloadDelay = Duration.ofMillis(250);

    @Mixin
    DevelopmentOptions development = new DevelopmentOptions();

    @Mixin
    StaticFileOptions staticFiles = new StaticFileOptions();

    @Mixin
    HttpVersionOptions httpVersions = new HttpVersionOptions();

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1", converter = Converters.PositiveInt.class,
            description = "Worker processes sharing the listening ports (SO_REUSEPORT); above 1 a supervisor process "
                    + "replaces workers that die, and SIGHUP restarts them one by one. Ignored with --reload. "
                    + "Default: $WEB_CONCURRENCY or 1.")
    int workers = 1;

    @Option(names = "--timeout-worker-healthcheck", paramLabel = "SECONDS", defaultValue = "5",
            converter = Converters.Seconds.class,
            description = "Kill and replace a worker whose selector loops have not answered for this long. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration timeoutWorkerHealthcheck = Duration.ofSeconds(5);

    @Option(names = "--metrics-port", paramLabel = "PORT", converter = Converters.Port.class,
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics (HOST from --metrics-host); with "
                    + "--workers the supervisor serves the sums over all workers. Default: off.")
    @Nullable Integer metricsPort;

    @Option(names = {"--metrics-host", "--metrics-address"}, paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address of the metrics endpoint (--metrics-address is Granian's name). "
                    + "Default: ${DEFAULT-VALUE}.")
    String metricsHost = "127.0.0.1";

    @Option(names = "--workers-max-rss", paramLabel = "MB", converter = Converters.PositiveInt.class,
            description = "Replace a worker gracefully (its successor serves first, then it drains) when its resident "
                    + "memory passes this many MiB; with it a supervisor runs even one worker. Default: none.")
    @Nullable Integer workersMaxRss;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info", converter = Converters.LogLevels.class,
            description = "critical, error, warning, info, debug or trace. Default: ${DEFAULT-VALUE}.")
    LogLevel logLevel = LogLevel.INFO;

    @Option(names = "--log-config", paramLabel = "FILE", converter = Converters.ExistingFile.class,
            description = "Configure java.util.logging from this properties file instead of jvicorn's console "
                    + "handlers; --log-level and --no-access-log still apply when given.")
    @Nullable Path logConfig;

    @Option(names = "--access-log", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Log one line per response to stdout. Default: on.")
    boolean accessLog;

    @Option(names = "--access-log-format", paramLabel = "FORMAT", converter = Converters.AccessLogFormats.class,
            // Picocli formats descriptions, hence %% for each percent sign.
            description = "Layout of access lines, with placeholders such as %%(client_addr)s, %%(request_line)s, "
                    + "%%(status_code)s, %%(duration_ms)s, %%(bytes)s, %%({User-Agent}i)s. Default: Uvicorn's "
                    + "'%%(client_addr)s - \"%%(request_line)s\" %%(status_code)s'. 'json' writes one JSON object "
                    + "per line (time, client, method, path, query, http_version, status, bytes, duration, "
                    + "user_agent, referer) for log shippers.")
    @Nullable String accessLogFormat;

    // No default: null is "auto", colours when stdout is a terminal and NO_COLOR is unset.
    @Option(names = "--use-colors", negatable = true,
            description = "Colour level names and access statuses. Default: on when writing to a terminal.")
    @Nullable Boolean useColors;

    @Option(names = "--timeout-keep-alive", paramLabel = "SECONDS", defaultValue = "5",
            converter = Converters.Seconds.class,
            description = "Close a keep-alive connection idle this long. Default: ${DEFAULT-VALUE}.")
    Duration timeoutKeepAlive = Duration.ofSeconds(5);

    @Option(names = "--timeout-graceful-shutdown", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "On shutdown, wait this long for requests in progress, then cancel them. Default: wait "
                    + "forever.")
    @Nullable Duration timeoutGracefulShutdown;

    @Option(names = "--shutdown-delay", paramLabel = "SECONDS", defaultValue = "0", converter = Converters.Seconds.class,
            description = "On shutdown, keep serving with the listeners open this long before the graceful shutdown "
                    + "starts, while a load balancer stops routing here (Kubernetes endpoint removal). "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration shutdownDelay = Duration.ZERO;

    @Option(names = "--timeout-request-header", paramLabel = "SECONDS", defaultValue = "30",
            converter = Converters.Seconds.class,
            description = "Close a connection whose request head takes longer than this. Default: ${DEFAULT-VALUE}.")
    Duration timeoutRequestHeader = Duration.ofSeconds(30);

    @Option(names = {"--timeout-request-body", "--read-timeout"}, paramLabel = "SECONDS", defaultValue = "60",
            converter = Converters.Seconds.class,
            description = "Answer 408 (or close, once the response started) when a request body's next byte takes "
                    + "longer than this while the application is ready for it; --read-timeout is Hypercorn's name. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration timeoutRequestBody = Duration.ofSeconds(60);

    @Option(names = "--limit-concurrency", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Answer 503 beyond this many connections or requests at once. Default: no limit.")
    @Nullable Integer limitConcurrency;

    @Option(names = "--limit-max-requests", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Shut down after this many requests. Default: no limit.")
    @Nullable Integer limitMaxRequests;

    @Option(names = "--limit-max-requests-jitter", paramLabel = "N", defaultValue = "0",
            converter = Converters.NonNegativeInt.class,
            description = "Add a random 0..N to --limit-max-requests, so that workers started together do not "
                    + "restart together. Default: ${DEFAULT-VALUE}.")
    int limitMaxRequestsJitter;

    @Option(names = "--backlog", paramLabel = "N", defaultValue = "2048", converter = Converters.PositiveInt.class,
            description = "Length of the queue of connections not yet accepted. Default: ${DEFAULT-VALUE}.")
    int backlog;

    @Option(names = "--header", paramLabel = "NAME:VALUE", split = "\\r?\\n", hideParamSyntax = true,
            converter = Converters.Headers.class,
            description = "Add this header to every response; repeatable. From the environment, separate several "
                    + "with newlines.")
    List<Header> headers = new ArrayList<>();

    @Option(names = "--server-header", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Send 'server: jvicorn'. Default: on.")
    boolean serverHeader;

    @Option(names = "--date-header", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Send a 'date' header. Default: on.")
    boolean dateHeader;

    @Option(names = "--root-path", paramLabel = "PATH", defaultValue = "",
            description = "The path the application is mounted at behind a proxy (ASGI root_path). Default: none.")
    String rootPath = "";

    @Option(names = "--proxy-headers", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Take the client address, scheme and host from Forwarded or X-Forwarded-For/-Proto/-Host/"
                    + "-Port when the peer is a trusted proxy (--forwarded-allow-ips). Default: on.")
    boolean proxyHeaders;

    @Option(names = "--forwarded-allow-ips", paramLabel = "LIST", converter = Converters.ForwardedAllowIps.class,
            description = "Comma-separated proxies to trust with proxy headers: IPs, networks (10.0.0.0/8), "
                    + "'unix:' for unix socket peers, or '*' for all. Default: $FORWARDED_ALLOW_IPS or 127.0.0.1.")
    @Nullable String forwardedAllowIps;

    @Option(names = "--proxy-protocol", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Connections from trusted proxies (--forwarded-allow-ips) start with a PROXY protocol v1 or "
                    + "v2 header (HAProxy's send-proxy, AWS NLB), whose source address becomes the client; a PROXY "
                    + "header from another peer closes the connection. Read before TLS. Default: off.")
    boolean proxyProtocol;

    @Option(names = "--lifespan", paramLabel = "MODE", defaultValue = "auto",
            converter = Converters.LifespanModes.class,
            description = "auto, on or off: whether the application gets startup and shutdown events. "
                    + "Default: ${DEFAULT-VALUE}.")
    String lifespan = "auto";

    // A String, not a boolean: picocli converts boolean defaults a second time from "true".
    @Option(names = "--ws", paramLabel = "MODE", defaultValue = "auto", converter = Converters.WebSocketModes.class,
            description = "auto or none: whether WebSocket upgrades are accepted (Uvicorn's websockets, "
                    + "websockets-sansio and wsproto mean auto). Default: ${DEFAULT-VALUE}.")
    String webSocket = "auto";

    @Option(names = "--ws-max-size", paramLabel = "BYTES", defaultValue = "16777216",
            converter = Converters.PositiveInt.class,
            description = "Largest WebSocket message; larger closes with 1009. Default: ${DEFAULT-VALUE}.")
    int wsMaxSize;

    @Option(names = "--ws-max-queue", paramLabel = "N", defaultValue = "32", converter = Converters.PositiveInt.class,
            description = "WebSocket messages read ahead of the application. Default: ${DEFAULT-VALUE}.")
    int wsMaxQueue;

    @Option(names = "--ws-ping-interval", paramLabel = "SECONDS", defaultValue = "20",
            converter = Converters.SecondsOrOff.class,
            description = "Send a WebSocket ping this often; 0 turns pings off. Default: ${DEFAULT-VALUE}.")
    @Nullable Duration wsPingInterval;

    @Option(names = "--ws-ping-timeout", paramLabel = "SECONDS", defaultValue = "20",
            converter = Converters.SecondsOrOff.class,
            description = "Close with 1011 when a ping is not answered in this time; 0 waits forever. "
                    + "Default: ${DEFAULT-VALUE}.")
    @Nullable Duration wsPingTimeout;

    @Option(names = "--ws-per-message-deflate", paramLabel = "BOOL", arity = "1", defaultValue = "true",
            converter = Converters.ClickBoolean.class,
            description = "Offer permessage-deflate compression. Default: ${DEFAULT-VALUE}.")
    boolean wsPerMessageDeflate;

    @Option(names = "--loops", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "Number of selector loops. Default: one per processor with --carriers loops; half the "
                    + "processors with --carriers pool, whose virtual-thread carriers get the other half "
                    + "(-Djdk.virtualThreadScheduler.parallelism=N overrides).")
    @Nullable Integer loops;

    @Option(names = "--carriers", paramLabel = "KIND", defaultValue = "loops", converter = Converters.CarrierKinds.class,
            description = "Which threads carry the application's virtual threads: loops (each connection's selector "
                    + "loop: no hand-off between threads; a long computation holds up that loop's other connections) "
                    + "or pool (the JDK's scheduler, for CPU-heavy applications). Default: ${DEFAULT-VALUE}.")
    Carriers carriers = Carriers.LOOPS;

    @Option(names = "--reset-contextvars", arity = "0", fallbackValue = "true",
            description = "Run every request on a new virtual thread, so that ThreadLocal values a request sets never "
                    + "reach the next request of its connection (Uvicorn resets contextvars). Default: off.")
    boolean resetContextvars;

    @Option(names = "--h11-max-incomplete-event-size", paramLabel = "BYTES", converter = Converters.SizeLimit.class,
            description = "Uvicorn's name for --limit-request-headers-size (the largest request head); wins over it "
                    + "when given.")
    @Nullable Integer h11MaxIncompleteEventSize;

    @Option(names = "--loop", paramLabel = "LOOP", defaultValue = "auto", converter = Converters.EventLoops.class,
            description = "Accepted for Uvicorn command lines (auto, none, asyncio, uvloop); jvicorn always runs NIO "
                    + "selector loops, see --loops.")
    String loop = "auto";

    @Option(names = "--interface", paramLabel = "INTERFACE", defaultValue = "auto",
            converter = Converters.Interfaces.class,
            description = "auto or asgi3: a jvicorn application is an io.jvicorn.asgi.Application, ASGI 3's shape.")
    String applicationInterface = "auto";

    @Option(names = "--limit-request-line", paramLabel = "BYTES", defaultValue = "8192",
            converter = Converters.SizeLimit.class,
            description = "Longest request line; longer is answered 414. Default: ${DEFAULT-VALUE}.")
    int limitRequestLine;

    @Option(names = "--limit-request-headers-size", paramLabel = "BYTES", defaultValue = "16384",
            converter = Converters.SizeLimit.class,
            description = "Largest request head; larger is answered 431. Default: ${DEFAULT-VALUE}.")
    int limitRequestHeadersSize;

    @Option(names = "--limit-request-fields", paramLabel = "N", defaultValue = "100",
            converter = Converters.PositiveInt.class,
            description = "Most header fields in a request; more is answered 431. Default: ${DEFAULT-VALUE}.")
    int limitRequestFields;

    @Option(names = "--limit-request-body", paramLabel = "BYTES", converter = Converters.NonNegativeLong.class,
            description = "Largest request body; larger is answered 413. Default: no limit.")
    @Nullable Long limitRequestBody;

    @Mixin
    TlsOptions tls = new TlsOptions();

    /** Set for a worker of {@code --workers}: TCP listeners share their ports with the other workers. */
    boolean reusePort;

    /** Set for a worker of a supervisor (--workers, --reload), which says where they listen. */
    boolean worker;

    @Option(names = "--version", versionHelp = true, description = "Print the version and exit.")
    boolean versionRequested;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean helpRequested;

    /**
     * The {@code --app-dir} entries as paths, relative ones resolved against the working directory.
     *
     * @return the class path entries in order
     */
    List<Path> appDirPaths() {
        List<Path> paths = new ArrayList<>(appDirs.size());
        for (String dir : appDirs) {
            if (!dir.isEmpty()) {
                paths.add(Path.of(dir).toAbsolutePath().normalize());
            }
        }
        return paths;
    }

    /**
     * Makes this process a worker of a supervisor: it listens where the supervisor reserved, sharing the ports.
     *
     * @param workerBinds the supervisor's places, in {@code --bind} syntax
     */
    void listenAsWorker(List<String> workerBinds) {
        binds = new ArrayList<>(workerBinds);
        uds = null;
        fd = null;
        reusePort = true;
        worker = true;
    }

    /**
     * The {@code --reload-*} options resolved as Uvicorn resolves them; the caller logs the warnings.
     *
     * @return what to watch
     */
    ReloadSettings reloadSettings() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        // The default --app-dir is the working directory: with --reload-dir given, it is not meant to be watched.
        List<Path> appDirs = appDirPaths().stream().filter(dir -> !dir.equals(workingDirectory)).toList();
        return ReloadSettings.resolve(reloadDirs, reloadIncludes, reloadExcludes, appDirs, workingDirectory);
    }

    /** @return the {@code --reload-dir} values that are directories, absolute */
    List<Path> reloadDirPaths() {
        return reloadDirs.stream()
                .map(dir -> Path.of(dir).toAbsolutePath().normalize())
                .filter(Files::isDirectory)
                .toList();
    }

    /** @return whether a reload option was given without {@code --reload}, which Uvicorn warns about */
    boolean reloadOptionsWithoutReload() {
        return !reload && (!reloadDirs.isEmpty() || !reloadIncludes.isEmpty() || !reloadExcludes.isEmpty()
                || reloadMode != ReloadMode.PROCESS);
    }

    /**
     * Builds the server configuration.
     *
     * @param application the loaded application
     * @return the configuration
     * @throws IllegalArgumentException if the values do not fit together (ServerConfig's checks, e.g. root path)
     */
    ServerConfig toServerConfig(Application application) {
        return toServerConfig(application, Boolean.TRUE.equals(useColors));
    }

    /**
     * Builds the server configuration with the colour decision made (see {@link TerminalColors}).
     *
     * @param application the loaded application
     * @param colors      whether access lines carry ANSI colours
     * @return the configuration
     * @throws IllegalArgumentException if the values do not fit together (ServerConfig's checks, e.g. root path)
     */
    ServerConfig toServerConfig(Application application, boolean colors) {
        return toServerConfig(application, colors, ServerObserver.NONE, null);
    }

    /**
     * Builds the server configuration with the colour decision made, an observer ({@code --metrics-port}), and the
     * class loader of an application loaded by a loader of its own.
     *
     * @param application    the loaded application
     * @param colors         whether access lines carry ANSI colours
     * @param observer       told of connections and requests
     * @param appClassLoader the loader it came from, made the context loader of its requests; null for none
     * @return the configuration
     * @throws IllegalArgumentException if the values do not fit together (ServerConfig's checks, e.g. root path)
     */
    ServerConfig toServerConfig(Application application, boolean colors, ServerObserver observer,
                                @Nullable ClassLoader appClassLoader) {
        int headSize = h11MaxIncompleteEventSize != null ? h11MaxIncompleteEventSize : limitRequestHeadersSize;
        WebSocketSettings webSocketSettings = new WebSocketSettings(webSocket.equals("auto"), wsMaxSize, wsMaxQueue, wsPingInterval,
                wsPingTimeout, wsPerMessageDeflate);
        ServerConfig.Builder builder = httpVersions.apply(ServerConfig.builder(staticFiles.wrap(application)))
                .host(host)
                .port(port)
                .backlog(backlog)
                .timeoutKeepAlive(timeoutKeepAlive)
                .timeoutRequestHeader(timeoutRequestHeader)
                .timeoutRequestBody(timeoutRequestBody)
                .timeoutGracefulShutdown(timeoutGracefulShutdown)
                .shutdownDelay(shutdownDelay)
                .limitConcurrency(limitConcurrency)
                .limitMaxRequests(limitMaxRequests)
                .serverHeader(serverHeader)
                .dateHeader(dateHeader)
                .rootPath(rootPath)
                .accessLog(accessLog)
                .lifespan(lifespan)
                .parserLimits(limitRequestLine, headSize, limitRequestFields,
                        limitRequestBody == null ? -1 : limitRequestBody)
                .webSocket(webSocketSettings)
                .proxyHeaders(proxyHeaders)
                .forwardedAllowIps(forwardedAllowIps != null ? forwardedAllowIps : DEFAULT_FORWARDED_ALLOW_IPS)
                .proxyProtocol(proxyProtocol)
                .limitMaxRequestsJitter(limitMaxRequestsJitter)
                .accessLogFormat(accessLogFormat)
                .useColors(colors)
                .threadPerRequest(resetContextvars)
                .carriers(carriers)
                .debug(development.debug)
                .debugSources(development.debug ? SourceFinder.conventionalRoots(appDirPaths(), reloadDirPaths())
                        : List.of())
                .appClassLoader(appClassLoader);
        if (loops != null) {
            builder.loops(loops);
        }
        for (Header header : headers) {
            builder.header(header);
        }
        for (String bind : binds) {
            builder.bind(bind);
        }
        // A worker's supervisor logged where they listen.
        return builder.uds(uds).fd(fd).tls(tls.tlsConfig()).reusePort(reusePort).logRunningOn(!worker)
                .observer(observer).build();
    }
}
