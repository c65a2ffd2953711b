package io.jvicorn.http11.server;

import io.jvicorn.http11.codec.DefaultHeaders;
import io.jvicorn.http11.codec.ParserLimits;
import io.jvicorn.http11.proxy.ForwardedAllowList;
import org.jspecify.annotations.Nullable;

/**
 * What every HTTP connection of a server shares.
 *
 * @param limits             parser limits
 * @param defaults           the cached date/server/extra headers
 * @param keepAliveNanos     idle time between requests before closing
 * @param headerTimeoutNanos time allowed to send a complete request head
 * @param bodyTimeoutNanos   longest wait for the next request-body byte while the application is ready for it
 * @param rootPath           ASGI root_path
 * @param scheme             {@code "http"} or {@code "https"}
 * @param accessLog          the access log line format, or null for no access log
 * @param trustedProxies     peers whose proxy headers are believed ({@code --forwarded-allow-ips}), or null when
 *                           proxy headers are off
 * @param limitConcurrency   connections or requests beyond which to answer 503, or null
 * @param activity           the application generation being served, and server-wide counters
 * @param webSocket          takes over WebSocket upgrades, or null to serve them as plain HTTP
 * @param threadPerRequest   run every request on a new virtual thread, so that {@code ThreadLocal} values one
 *                           request sets never reach the next request of its connection (Uvicorn's
 *                           {@code --reset-contextvars}); otherwise a connection's worker thread serves the requests
 *                           that are waiting when it finishes one
 * @param debugPage          answer an application failure with {@link DebugPage}'s HTML instead of the plain 500,
 *                           to clients on this machine ({@code --debug}); never for production
 * @param debugSources       where the debug page finds the source lines of stack frames, or null for none
 * @param http2              takes over connections that open with HTTP/2's preface (prior knowledge), or null to
 *                           serve HTTP/1.1 only
 */
public record HttpSettings(
        ParserLimits limits,
        DefaultHeaders defaults,
        long keepAliveNanos,
        long headerTimeoutNanos,
        long bodyTimeoutNanos,
        String rootPath,
        String scheme,
        @Nullable AccessLogFormat accessLog,
        @Nullable ForwardedAllowList trustedProxies,
        @Nullable Integer limitConcurrency,
        ServerActivity activity,
        @Nullable WebSocketUpgrade webSocket,
        boolean threadPerRequest,
        boolean debugPage,
        @Nullable SourceLines debugSources,
        @Nullable Http2Handoff http2) {

    /**
     * @param handoff what takes over connections that open with HTTP/2's preface
     * @return these settings, handing such connections to {@code handoff}
     */
    public HttpSettings withHttp2(Http2Handoff handoff) {
        return new HttpSettings(limits, defaults, keepAliveNanos, headerTimeoutNanos, bodyTimeoutNanos, rootPath,
                scheme, accessLog, trustedProxies, limitConcurrency, activity, webSocket, threadPerRequest, debugPage,
                debugSources, handoff);
    }
}
