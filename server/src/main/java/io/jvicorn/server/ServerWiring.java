package io.jvicorn.server;

import io.jvicorn.engine.ConnectionHandlerFactory;
import io.jvicorn.engine.Engine;
import io.jvicorn.engine.LoopCarriers;
import io.jvicorn.http11.codec.DefaultHeaders;
import io.jvicorn.http11.proxy.ForwardedAllowList;
import io.jvicorn.http11.server.AccessLogFormat;
import io.jvicorn.http11.server.HttpConnectionHandler;
import io.jvicorn.http11.server.HttpSettings;
import io.jvicorn.http11.server.ServerActivity;
import io.jvicorn.http11.server.WebSocketUpgrade;
import io.jvicorn.http2.server.Http2ConnectionHandler;
import io.jvicorn.http2.server.Http2Server;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link ServerConfig} becomes the pieces that serve it: the HTTP settings every connection shares, the handler
 * each connection starts with (HTTP/1.1 with HTTP/2's hand-off, or HTTP/2 alone), and the engine that runs them.
 */
final class ServerWiring {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");

    private ServerWiring() {
    }

    /**
     * @param config    the configuration
     * @param tls       whether the listeners are HTTPS
     * @param activity  the serving application generation and the server's counters
     * @param webSocket takes over WebSocket upgrades, or null
     * @param defaults  the cached default response headers
     * @return what every HTTP connection shares; with {@link HttpProtocols#AUTO}, HTTP/1.1 hands HTTP/2 connections on
     */
    static HttpSettings httpSettings(ServerConfig config, boolean tls, ServerActivity activity,
            @Nullable WebSocketUpgrade webSocket, DefaultHeaders defaults) {
        HttpSettings http1 = new HttpSettings(config.parserLimits(), defaults,
                config.timeoutKeepAlive().toNanos(), config.timeoutRequestHeader().toNanos(),
                config.timeoutRequestBody().toNanos(), config.rootPath(),
                tls ? "https" : "http",
                config.accessLog() ? accessLogFormat(config) : null,
                config.proxyHeaders() ? ForwardedAllowList.parse(config.forwardedAllowIps()) : null,
                config.limitConcurrency(), activity, webSocket, config.threadPerRequest(), config.debug(),
                config.debug() ? new SourceFinder(config.debugSources()) : null, null);
        // HTTP/2 shares every HTTP setting; the HTTP/1.1 handler hands it connections that ALPN or the preface make h2.
        return config.http() == HttpProtocols.AUTO ? http1.withHttp2(new Http2Server(http1, config.http2Limits()))
                : http1;
    }

    /**
     * @param config   the configuration
     * @param settings what {@link #httpSettings} made
     * @return the handler each accepted connection starts with
     */
    static ConnectionHandlerFactory handlers(ServerConfig config, HttpSettings settings) {
        return config.http() == HttpProtocols.HTTP_2
                ? connection -> Http2ConnectionHandler.opened(connection, settings, config.http2Limits())
                : connection -> new HttpConnectionHandler(connection, settings);
    }

    /**
     * @param config   the configuration
     * @param handlers what {@link #handlers} made
     * @param defaults the default headers, whose Date the first loop refreshes
     * @return the engine, not yet bound or started; with the PROXY protocol preface when configured
     */
    static Engine engine(ServerConfig config, ConnectionHandlerFactory handlers, DefaultHeaders defaults) {
        Engine e = new Engine(config.loops(), config.backlog(), handlers, new DateRefresher(defaults),
                carryOnLoops(config.carriers()), config.applicationThreads());
        e.reusePort(config.reusePort());
        if (config.proxyProtocol()) {
            e.preface(ProxyProtocolPreface.factory(ForwardedAllowList.parse(config.forwardedAllowIps())),
                    config.timeoutRequestHeader());
        }
        return e;
    }

    /** @return whether the loops carry the virtual threads; logs why not when they were asked to and cannot */
    private static boolean carryOnLoops(Carriers carriers) {
        if (carriers == Carriers.POOL) {
            return false;
        }
        if (LoopCarriers.available()) {
            return true;
        }
        // DEBUG, not INFO: an embedding application's own start-up lines stay as they were; README says what to add.
        LOG.log(System.Logger.Level.DEBUG, "Virtual threads run on the JDK''s pool: selector loops carry them only on Java "
                + "24 or newer with --add-opens java.base/java.lang=ALL-UNNAMED (see Carriers)");
        return false;
    }

    private static AccessLogFormat accessLogFormat(ServerConfig config) {
        String format = config.accessLogFormat();
        return AccessLogFormat.parse(format != null ? format : AccessLogFormat.DEFAULT).withColors(config.useColors());
    }

    /** Uvicorn 0.41: each worker adds a random [0, jitter] so a fleet does not restart all at once. */
    static long maxRequests(ServerConfig config) {
        Integer limit = config.limitMaxRequests();
        if (limit == null) {
            return 0;
        }
        return limit + (long) ThreadLocalRandom.current().nextInt(config.limitMaxRequestsJitter() + 1);
    }

    /** Refreshes the cached Date header when the second changes; runs on the first loop's tick. */
    private static final class DateRefresher implements Runnable {
        private final DefaultHeaders defaults;
        private long second = -1;

        DateRefresher(DefaultHeaders defaults) {
            this.defaults = defaults;
        }

        @Override
        public void run() {
            long now = System.currentTimeMillis();
            if (now / 1000 != second) {
                second = now / 1000;
                defaults.refreshDate(now);
            }
        }
    }
}
