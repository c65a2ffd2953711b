package io.jvicorn.server;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.http11.codec.ParserLimits;
import io.jvicorn.http2.session.SessionLimits;
import io.jvicorn.http11.proxy.ForwardedAllowList;
import io.jvicorn.http11.server.AccessLogFormat;
import io.jvicorn.lifespan.LifespanMode;
import io.jvicorn.observe.ServerObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link Server} needs, with Uvicorn's defaults. Build one with {@link #builder(Application)}.
 *
 * @param app                     the application
 * @param host                    the address to bind, {@code 127.0.0.1} by default; {@code ::} or {@code 0.0.0.0} for all
 * @param port                    the port, 8000 by default; 0 picks a free one (read it with {@link Server#port()})
 * @param backlog                 the listen backlog, 2048
 * @param loops                   selector loops; by default every processor with {@link Carriers#LOOPS}, half of
 *                                them with {@link Carriers#POOL} ({@link CoreShare#defaultLoops(Carriers)})
 * @param timeoutKeepAlive        idle time between requests before the server closes the connection, 5 s
 * @param timeoutRequestHeader    time a client may take to send a complete request head, 30 s (slowloris defence)
 * @param timeoutRequestBody      longest wait for the next byte of a request body (chunk lines and trailers too)
 *                                while the application is ready for it, 60 s (slow-body defence, R.U.D.Y.); then
 *                                408, or a close if the response started
 * @param timeoutGracefulShutdown how long {@link Server#close()} waits for in-flight requests; null waits forever
 * @param shutdownDelay           how long {@link Server#close()} keeps serving, listeners open, before the graceful
 *                                shutdown starts, so a load balancer can stop routing new connections here; zero
 * @param limitConcurrency        connections or requests beyond which the server answers 503; null for no limit
 * @param limitMaxRequests        requests after which the server shuts down (for process managers); null for none
 * @param serverHeader            whether responses carry {@code server: jvicorn}
 * @param dateHeader              whether responses carry a cached {@code date}
 * @param headers                 extra default response headers ({@code --header})
 * @param rootPath                ASGI {@code root_path}, also prefixed to {@code path} and {@code raw_path}
 * @param accessLog               whether each response is logged to {@code jvicorn.access}
 * @param lifespan                whether the lifespan protocol runs
 * @param parserLimits            request line, header and body limits
 * @param webSocket               WebSocket settings
 * @param proxyHeaders            whether {@code Forwarded} and {@code X-Forwarded-*} from trusted proxies set the
 *                                client, scheme and server, on by default as in Uvicorn
 * @param forwardedAllowIps       the trusted proxies, as {@link ForwardedAllowList#parse} reads them; {@code 127.0.0.1}
 * @param limitMaxRequestsJitter  a random 0..jitter added to {@code limitMaxRequests} so that workers started together
 *                                do not all restart together; 0
 * @param accessLogFormat         the access line layout, as {@link AccessLogFormat#parse} reads it; null for
 *                                Uvicorn's ({@link AccessLogFormat#DEFAULT})
 * @param useColors               whether access lines carry ANSI colours (status by class, bold request line); off
 * @param binds                   Gunicorn-style listen addresses ({@code HOST:PORT}, {@code [::1]:8000},
 *                                {@code unix:PATH}, {@code fd://N}); when any of binds, uds and fd is given they are
 *                                used instead of host and port; none by default
 * @param uds                     a unix socket path to listen on (mode 0666 unless the file existed; removed at exit)
 * @param fd                      an inherited listening socket's file descriptor: 0 (standard input, as systemd
 *                                socket activation with {@code StandardInput=socket} passes it) or, on Java 22 or
 *                                newer, another such as systemd's 3, which the server moves onto standard input
 *                                (libc's {@code dup2} through the FFM API: grant native access with
 *                                {@code --enable-native-access=io.jvicorn.server}, or {@code ALL-UNNAMED} on the class
 *                                path). Only one inherited socket can be listened on
 * @param tls                     HTTPS settings, or null for plain HTTP
 * @param threadPerRequest        run every request on a new virtual thread, so that {@code ThreadLocal} values never
 *                                pass from one request to the next of a connection (Uvicorn's
 *                                {@code --reset-contextvars}); off: a connection's worker thread serves the requests
 *                                waiting when it finishes one. Applications declared
 *                                {@code NonBlockingApplication} run on the selector loops either way
 * @param reusePort               whether TCP listeners set {@code SO_REUSEPORT}, so that several processes (the
 *                                workers of {@code --workers}) listen on one port; off
 * @param carriers                which threads carry the application's virtual threads, {@link Carriers#LOOPS} by
 *                                default (see there)
 * @param debug                   answer an application that fails before its response started with an HTML page of
 *                                the exception chain and the request to clients on this machine (a loopback peer
 *                                whose scope client is loopback too), the plain 500 to others; for development
 *                                ({@code --debug}), off
 * @param sslContext              a caller's TLS context, serving HTTPS with it instead of {@link #tls()}'s files (a
 *                                framework that manages its own key material); null. Replace it while serving with
 *                                {@link Server#updateSslContext}
 * @param sslParameters           the parameters every engine from {@code sslContext} gets (protocols, cipher suites,
 *                                client authentication); null for the context's defaults. ALPN is the server's
 * @param applicationThreads      makes the threads applications run on (a connection's worker, a WebSocket session's
 *                                writer); null for virtual threads carried as {@link #carriers()} says. A framework
 *                                may supply its own, to name them or to carry a context; a factory of platform threads
 *                                works but costs a thread per busy connection
 * @param logRunningOn            whether {@link Server#start()} logs Uvicorn's {@code jvicorn running on ...} line per
 *                                listener at INFO; on (off for a worker process, whose supervisor says it)
 * @param observer                told of connections, requests, parse errors and WebSocket sessions (metrics, a
 *                                tracing bridge; {@code io.jvicorn.server.metrics.PrometheusMetrics} is one);
 *                                {@link ServerObserver#NONE} by default, which costs nothing per request
 * @param proxyProtocol           whether connections from trusted proxies ({@code forwardedAllowIps}) must start with a
 *                                PROXY protocol header (v1 or v2, as HAProxy's {@code send-proxy} and
 *                                {@code send-proxy-v2} and AWS network load balancers send it), whose source address
 *                                becomes the connection's client; other peers are served as they are, and a PROXY
 *                                header from them closes the connection. Read before TLS, within
 *                                {@code timeoutRequestHeader}; off
 * @param debugSources            source directories and {@code -sources.jar} files where the debug page finds the
 *                                source lines of stack frames ({@link SourceFinder#conventionalRoots} gives the
 *                                usual ones for a class path); none by default
 * @param appClassLoader          the class loader the application was loaded with, made the context class loader of
 *                                its requests and lifespan (and nothing else's: a thread the server keeps never holds
 *                                it, so that after {@link Server#replaceApplication} the old loader can be
 *                                collected); null, the default, leaves every thread's own
 * @param http                    the HTTP versions served: {@link HttpProtocols#AUTO} (the default) serves a
 *                                connection that opens with HTTP/2's preface (prior knowledge) as HTTP/2 and others as
 *                                HTTP/1.1
 * @param http2Limits             each HTTP/2 connection's SETTINGS (concurrent streams, windows, frame and header list
 *                                sizes) and flood limits
 */
public record ServerConfig(
        Application app,
        String host,
        int port,
        int backlog,
        int loops,
        Duration timeoutKeepAlive,
        Duration timeoutRequestHeader,
        Duration timeoutRequestBody,
        @Nullable Duration timeoutGracefulShutdown,
        Duration shutdownDelay,
        @Nullable Integer limitConcurrency,
        @Nullable Integer limitMaxRequests,
        boolean serverHeader,
        boolean dateHeader,
        List<Header> headers,
        String rootPath,
        boolean accessLog,
        LifespanMode lifespan,
        ParserLimits parserLimits,
        WebSocketSettings webSocket,
        boolean proxyHeaders,
        String forwardedAllowIps,
        int limitMaxRequestsJitter,
        @Nullable String accessLogFormat,
        boolean useColors,
        List<String> binds,
        @Nullable String uds,
        @Nullable Integer fd,
        @Nullable TlsConfig tls,
        boolean threadPerRequest,
        boolean reusePort,
        Carriers carriers,
        boolean debug,
        @Nullable SSLContext sslContext,
        @Nullable SSLParameters sslParameters,
        @Nullable ThreadFactory applicationThreads,
        boolean logRunningOn,
        ServerObserver observer,
        boolean proxyProtocol,
        List<Path> debugSources,
        @Nullable ClassLoader appClassLoader,
        HttpProtocols http,
        SessionLimits http2Limits) {

    /** Checks ranges and copies lists. */
    public ServerConfig {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(carriers, "carriers");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(http2Limits, "http2Limits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be at least 1, got " + backlog);
        }
        if (loops < 1) {
            throw new IllegalArgumentException("loops must be at least 1, got " + loops);
        }
        if (limitConcurrency != null && limitConcurrency < 1) {
            throw new IllegalArgumentException("limit-concurrency must be at least 1, got " + limitConcurrency);
        }
        if (limitMaxRequests != null && limitMaxRequests < 1) {
            throw new IllegalArgumentException("limit-max-requests must be at least 1, got " + limitMaxRequests);
        }
        if (!rootPath.isEmpty() && (!rootPath.startsWith("/") || rootPath.endsWith("/"))) {
            throw new IllegalArgumentException("root-path must start with '/' and not end with '/', got '" + rootPath + "'");
        }
        if (limitMaxRequestsJitter < 0) {
            throw new IllegalArgumentException("limit-max-requests-jitter must not be negative, got "
                    + limitMaxRequestsJitter);
        }
        checkForwardedAllowIps(forwardedAllowIps);
        if (accessLogFormat != null) {
            checkAccessLogFormat(accessLogFormat);
        }
        headers = List.copyOf(headers);
        binds = List.copyOf(binds);
        debugSources = List.copyOf(debugSources);
        for (String bind : binds) {
            ListenAddress.parse(bind, port); // throws naming a bad address
        }
        if (uds != null && uds.isBlank()) {
            throw new IllegalArgumentException("uds must be a path, got an empty one");
        }
        if (fd != null && fd < 0) {
            throw new IllegalArgumentException("fd must be a file descriptor number, got " + fd);
        }
        if (sslContext != null && tls != null) {
            throw new IllegalArgumentException("give either TLS files (tls) or an SSLContext (sslContext), not both");
        }
        if (sslParameters != null && sslContext == null) {
            throw new IllegalArgumentException("sslParameters apply to an sslContext, and none is given");
        }
    }

    /**
     * A builder with every default set.
     *
     * @param app the application to serve
     * @return the builder
     */
    public static Builder builder(Application app) {
        return new Builder(app);
    }

    /**
     * Checks a list of trusted proxies as {@link Builder#forwardedAllowIps} takes it, for a command line that reports a
     * bad one as a usage error before it builds a configuration.
     *
     * @param ips comma-separated IPs, networks, {@code unix:} or {@code *}
     * @throws IllegalArgumentException naming a bad entry
     */
    public static void checkForwardedAllowIps(String ips) {
        ForwardedAllowList.parse(ips);
    }

    /**
     * This configuration serving another application, as {@link Server#replaceApplication} makes it.
     *
     * @param next   the application
     * @param loader its class loader, or null
     * @return a copy with {@link #app()} and {@link #appClassLoader()} replaced
     */
    ServerConfig withApplication(Application next, @Nullable ClassLoader loader) {
        return new ServerConfig(next, host, port, backlog, loops, timeoutKeepAlive, timeoutRequestHeader,
                timeoutRequestBody, timeoutGracefulShutdown, shutdownDelay, limitConcurrency, limitMaxRequests,
                serverHeader, dateHeader, headers, rootPath, accessLog, lifespan, parserLimits, webSocket, proxyHeaders,
                forwardedAllowIps, limitMaxRequestsJitter, accessLogFormat, useColors, binds, uds, fd, tls,
                threadPerRequest, reusePort, carriers, debug, sslContext, sslParameters, applicationThreads, logRunningOn,
                observer, proxyProtocol, debugSources, loader, http, http2Limits);
    }

    /**
     * Checks an access line layout as {@link Builder#accessLogFormat} takes it.
     *
     * @param format the layout, with Uvicorn's placeholders
     * @throws IllegalArgumentException naming a bad placeholder
     */
    public static void checkAccessLogFormat(String format) {
        AccessLogFormat.parse(format);
    }

    /**
     * Checks a lifespan mode as {@link Builder#lifespan(String)} takes it.
     *
     * @param mode {@code auto}, {@code on} or {@code off}, in any case
     * @throws IllegalArgumentException for any other text
     */
    public static void checkLifespan(String mode) {
        LifespanMode.parse(mode);
    }

    /**
     * WebSocket settings with Uvicorn's names.
     *
     * @param enabled           {@code --ws auto} (true) or {@code --ws none} (false: upgrades are served as plain HTTP)
     * @param maxSize           largest message in bytes, 16 MiB; larger closes with 1009
     * @param maxQueue          messages read ahead of the application, 32
     * @param pingInterval      keepalive ping interval, 20 s; null disables pings
     * @param pingTimeout       time to wait for the pong, 20 s; then close 1011
     * @param perMessageDeflate whether permessage-deflate is offered, true
     */
    public record WebSocketSettings(boolean enabled, int maxSize, int maxQueue, @Nullable Duration pingInterval,
                                    @Nullable Duration pingTimeout, boolean perMessageDeflate) {
        /** Uvicorn's defaults. */
        public static final WebSocketSettings DEFAULTS =
                new WebSocketSettings(true, 16 * 1024 * 1024, 32, Duration.ofSeconds(20), Duration.ofSeconds(20), true);

        /** Checks ranges. */
        public WebSocketSettings {
            if (maxSize < 1) {
                throw new IllegalArgumentException("ws-max-size must be at least 1, got " + maxSize);
            }
            if (maxQueue < 1) {
                throw new IllegalArgumentException("ws-max-queue must be at least 1, got " + maxQueue);
            }
        }
    }

    /** Builds a {@link ServerConfig}; every setter returns this builder. */
    public static final class Builder {
        private final Application app;
        private String host = "127.0.0.1";
        private int port = 8000;
        private int backlog = 2048;
        private @Nullable Integer loops;
        private Duration timeoutKeepAlive = Duration.ofSeconds(5);
        private Duration timeoutRequestHeader = Duration.ofSeconds(30);
        private Duration timeoutRequestBody = Duration.ofSeconds(60);
        private @Nullable Duration timeoutGracefulShutdown;
        private Duration shutdownDelay = Duration.ZERO;
        private @Nullable Integer limitConcurrency;
        private @Nullable Integer limitMaxRequests;
        private boolean serverHeader = true;
        private boolean dateHeader = true;
        private final List<Header> headers = new ArrayList<>();
        private String rootPath = "";
        private boolean accessLog = true;
        private LifespanMode lifespan = LifespanMode.AUTO;
        private ParserLimits parserLimits = ParserLimits.DEFAULTS;
        private WebSocketSettings webSocket = WebSocketSettings.DEFAULTS;
        private boolean proxyHeaders = true;
        private String forwardedAllowIps = "127.0.0.1";
        private int limitMaxRequestsJitter;
        private @Nullable String accessLogFormat;
        private boolean useColors;
        private final List<String> binds = new ArrayList<>();
        private @Nullable String uds;
        private @Nullable Integer fd;
        private @Nullable TlsConfig tls;
        private boolean threadPerRequest;
        private boolean reusePort;
        private Carriers carriers = Carriers.LOOPS;
        private boolean debug;
        private @Nullable SSLContext sslContext;
        private @Nullable SSLParameters sslParameters;
        private @Nullable ThreadFactory applicationThreads;
        private boolean logRunningOn = true;
        private ServerObserver observer = ServerObserver.NONE;
        private boolean proxyProtocol;
        private List<Path> debugSources = List.of();
        private @Nullable ClassLoader appClassLoader;
        private HttpProtocols http = HttpProtocols.AUTO;
        private SessionLimits http2Limits = SessionLimits.DEFAULTS;

        private Builder(Application app) {
            this.app = Objects.requireNonNull(app, "app");
        }

        /** @param host address to bind @return this */
        public Builder host(String host) { this.host = host; return this; }
        /** @param port port, 0 for any free port @return this */
        public Builder port(int port) { this.port = port; return this; }
        /** @param backlog listen backlog @return this */
        public Builder backlog(int backlog) { this.backlog = backlog; return this; }
        /** @param loops number of selector loops @return this */
        public Builder loops(int loops) { this.loops = loops; return this; }
        /** @param timeout keep-alive idle timeout @return this */
        public Builder timeoutKeepAlive(Duration timeout) { this.timeoutKeepAlive = timeout; return this; }
        /** @param timeout request-head deadline @return this */
        public Builder timeoutRequestHeader(Duration timeout) { this.timeoutRequestHeader = timeout; return this; }
        /** @param timeout longest wait for the next request-body byte @return this */
        public Builder timeoutRequestBody(Duration timeout) { this.timeoutRequestBody = timeout; return this; }
        /** @param timeout graceful shutdown limit, null for none @return this */
        public Builder timeoutGracefulShutdown(@Nullable Duration timeout) { this.timeoutGracefulShutdown = timeout; return this; }
        /** @param delay how long to keep serving before a shutdown starts (load balancers) @return this */
        public Builder shutdownDelay(Duration delay) { this.shutdownDelay = delay; return this; }
        /** @param limit concurrency limit, null for none @return this */
        public Builder limitConcurrency(@Nullable Integer limit) { this.limitConcurrency = limit; return this; }
        /** @param limit requests before shutdown, null for none @return this */
        public Builder limitMaxRequests(@Nullable Integer limit) { this.limitMaxRequests = limit; return this; }
        /** @param on whether to send {@code server: jvicorn} @return this */
        public Builder serverHeader(boolean on) { this.serverHeader = on; return this; }
        /** @param on whether to send {@code date} @return this */
        public Builder dateHeader(boolean on) { this.dateHeader = on; return this; }
        /** @param header an extra default response header @return this */
        public Builder header(Header header) { this.headers.add(header); return this; }
        /** @param rootPath ASGI root_path @return this */
        public Builder rootPath(String rootPath) { this.rootPath = rootPath; return this; }
        /** @param on whether to write the access log @return this */
        public Builder accessLog(boolean on) { this.accessLog = on; return this; }
        /** @param mode lifespan mode @return this */
        public Builder lifespan(LifespanMode mode) { this.lifespan = mode; return this; }

        /**
         * The lifespan mode as a command line writes it.
         *
         * @param mode {@code auto}, {@code on} or {@code off}, in any case
         * @return this builder
         * @throws IllegalArgumentException for any other text
         */
        public Builder lifespan(String mode) { return lifespan(LifespanMode.parse(mode)); }
        /** @param limits parser limits @return this */
        public Builder parserLimits(ParserLimits limits) { this.parserLimits = limits; return this; }

        /**
         * Uvicorn's request size limits, with the default limit on chunk extensions.
         *
         * @param maxRequestLineBytes longest request line ({@code --limit-request-line}); longer gives 414
         * @param maxHeaderBytes      largest head ({@code --limit-request-headers-size}); larger gives 431
         * @param maxHeaderCount      most header fields ({@code --limit-request-fields}); more gives 431
         * @param maxBodyBytes        largest body ({@code --limit-request-body}), negative for none; larger gives 413
         * @return this builder
         * @throws IllegalArgumentException when a limit is too small to parse any request
         */
        public Builder parserLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount,
                                    long maxBodyBytes) {
            return parserLimits(new ParserLimits(maxRequestLineBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes,
                    ParserLimits.DEFAULTS.maxChunkExtensionBytes()));
        }
        /** @param settings WebSocket settings @return this */
        public Builder webSocket(WebSocketSettings settings) { this.webSocket = settings; return this; }
        /** @param on whether trusted proxies' forwarding headers apply @return this */
        public Builder proxyHeaders(boolean on) { this.proxyHeaders = on; return this; }
        /** @param ips trusted proxies: IPs, CIDRs, {@code *}, {@code unix:}, comma-separated @return this */
        public Builder forwardedAllowIps(String ips) { this.forwardedAllowIps = ips; return this; }
        /** @param jitter largest random addition to limitMaxRequests @return this */
        public Builder limitMaxRequestsJitter(int jitter) { this.limitMaxRequestsJitter = jitter; return this; }
        /** @param format access line layout, null for Uvicorn's @return this */
        public Builder accessLogFormat(@Nullable String format) { this.accessLogFormat = format; return this; }
        /** @param on whether access lines carry ANSI colours @return this */
        public Builder useColors(boolean on) { this.useColors = on; return this; }
        /** @param address a listen address ({@code HOST:PORT}, {@code [::1]:8000}, {@code unix:PATH}, {@code fd://N}) @return this */
        public Builder bind(String address) { this.binds.add(address); return this; }
        /** @param path a unix socket to listen on, or null @return this */
        public Builder uds(@Nullable String path) { this.uds = path; return this; }
        /** @param fd an inherited listening socket (0; another needs Java 22 or newer), or null @return this */
        public Builder fd(@Nullable Integer fd) { this.fd = fd; return this; }
        /** @param settings HTTPS settings, or null for plain HTTP @return this */
        public Builder tls(@Nullable TlsConfig settings) { this.tls = settings; return this; }
        /** @param on whether every request runs on a new virtual thread (fresh ThreadLocals) @return this */
        public Builder threadPerRequest(boolean on) { this.threadPerRequest = on; return this; }
        /** @param on whether TCP listeners share their port with other processes (SO_REUSEPORT) @return this */
        public Builder reusePort(boolean on) { this.reusePort = on; return this; }
        /** @param carriers which threads carry the application's virtual threads @return this */
        public Builder carriers(Carriers carriers) { this.carriers = carriers; return this; }
        /** @param on whether failures are answered with the debug page to clients on this machine @return this */
        public Builder debug(boolean on) { this.debug = on; return this; }
        /** @param context a caller's TLS context, instead of {@link #tls}'s files @return this */
        public Builder sslContext(@Nullable SSLContext context) { return sslContext(context, null); }
        /**
         * @param context    a caller's TLS context, instead of {@link #tls}'s files
         * @param parameters what each engine gets (protocols, ciphers, client authentication), or null for defaults
         * @return this
         */
        public Builder sslContext(@Nullable SSLContext context, @Nullable SSLParameters parameters) {
            this.sslContext = context;
            this.sslParameters = parameters;
            return this;
        }
        /** @param threads makes the application's threads, or null for virtual threads @return this */
        public Builder applicationThreads(@Nullable ThreadFactory threads) { this.applicationThreads = threads; return this; }
        /** @param on whether start() logs where the server listens @return this */
        public Builder logRunningOn(boolean on) { this.logRunningOn = on; return this; }
        /** @param observer told of connections, requests and WebSocket sessions @return this */
        public Builder observer(ServerObserver observer) { this.observer = Objects.requireNonNull(observer, "observer"); return this; }
        /** @param on whether trusted peers' connections start with a PROXY protocol header @return this */
        public Builder proxyProtocol(boolean on) { this.proxyProtocol = on; return this; }
        /** @param roots where the debug page finds source lines, searched in order @return this */
        public Builder debugSources(List<Path> roots) { this.debugSources = List.copyOf(roots); return this; }
        /** @param loader the application's class loader, its requests' context loader; null for none @return this */
        public Builder appClassLoader(@Nullable ClassLoader loader) { this.appClassLoader = loader; return this; }
        /** @param versions the HTTP versions served @return this */
        public Builder http(HttpProtocols versions) { this.http = Objects.requireNonNull(versions); return this; }
        /** @param limits each HTTP/2 connection's SETTINGS and flood limits @return this */
        public Builder http2Limits(SessionLimits limits) { this.http2Limits = Objects.requireNonNull(limits); return this; }

        /** @return the validated configuration */
        public ServerConfig build() {
            int loopCount = loops != null ? loops : CoreShare.defaultLoops(carriers);
            return new ServerConfig(app, host, port, backlog, loopCount, timeoutKeepAlive, timeoutRequestHeader,
                    timeoutRequestBody, timeoutGracefulShutdown, shutdownDelay, limitConcurrency, limitMaxRequests, serverHeader, dateHeader, headers,
                    rootPath, accessLog, lifespan, parserLimits, webSocket, proxyHeaders, forwardedAllowIps,
                    limitMaxRequestsJitter, accessLogFormat, useColors, binds, uds, fd, tls, threadPerRequest, reusePort,
                    carriers, debug, sslContext, sslParameters, applicationThreads, logRunningOn, observer,
                    proxyProtocol, debugSources, appClassLoader, http, http2Limits);
        }
    }
}
