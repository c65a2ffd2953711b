package io.jvicorn.cli;

import io.jvicorn.http2.session.SessionLimits;
import io.jvicorn.server.HttpProtocols;
import io.jvicorn.server.ServerConfig;
import picocli.CommandLine.Option;

/**
 * The HTTP versions served and HTTP/2's limits, mixed into {@link CliOptions}; named as Granian names them
 * ({@code --http auto|1|2}, {@code --http2-*}), with Uvicorn's {@code --http h11|httptools} accepted as HTTP/1.1.
 */
final class HttpVersionOptions {
    @Option(names = "--http", paramLabel = "HTTP", defaultValue = "auto", converter = Converters.HttpVersions.class,
            description = "auto: HTTP/1.1 and HTTP/2 (ALPN h2 over TLS; prior knowledge on plain ports); 1: HTTP/1.1 "
                    + "only (Uvicorn's h11 and httptools mean the same); 2: HTTP/2 only. Default: ${DEFAULT-VALUE}.")
    HttpProtocols http = HttpProtocols.AUTO;

    @Option(names = "--http2-max-concurrent-streams", paramLabel = "N", defaultValue = "100",
            converter = Converters.PositiveInt.class,
            description = "HTTP/2 streams a connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS); more "
                    + "are refused with REFUSED_STREAM. Default: ${DEFAULT-VALUE}.")
    int maxConcurrentStreams = SessionLimits.DEFAULTS.maxConcurrentStreams();

    @Option(names = "--http2-initial-stream-window-size", paramLabel = "BYTES", defaultValue = "65535",
            converter = Converters.PositiveInt.class,
            description = "Request body bytes a client may send on a stream before the application reads them "
                    + "(SETTINGS_INITIAL_WINDOW_SIZE). Default: ${DEFAULT-VALUE}.")
    int initialStreamWindowSize = SessionLimits.DEFAULTS.initialWindowSize();

    @Option(names = "--http2-initial-connection-window-size", paramLabel = "BYTES", defaultValue = "1048576",
            converter = ConnectionWindow.class,
            description = "Request body bytes a client may send over all of a connection's streams before "
                    + "applications read them; at least 65535. Default: ${DEFAULT-VALUE}.")
    int initialConnectionWindowSize = SessionLimits.DEFAULTS.connectionWindowSize();

    @Option(names = "--http2-max-frame-size", paramLabel = "BYTES", defaultValue = "16384",
            converter = FrameSize.class,
            description = "Largest HTTP/2 frame payload the server accepts (SETTINGS_MAX_FRAME_SIZE), 16384 to "
                    + "16777215. Default: ${DEFAULT-VALUE}.")
    int maxFrameSize = SessionLimits.DEFAULTS.maxFrameSize();

    @Option(names = "--http2-max-headers-size", paramLabel = "BYTES", defaultValue = "65536",
            converter = HeaderListSize.class,
            description = "Largest decoded request header list (SETTINGS_MAX_HEADER_LIST_SIZE, RFC 9113 §6.5.2); "
                    + "larger is answered 431. At least 1024. Default: ${DEFAULT-VALUE}.")
    int maxHeadersSize = SessionLimits.DEFAULTS.maxHeaderListSize();

    /** At least the RFC's initial window. */
    static final class ConnectionWindow extends Converters.IntAtLeast {
        ConnectionWindow() {
            super(SessionLimits.DEFAULT_WINDOW);
        }
    }

    /** RFC 9113 §6.5.2's range of SETTINGS_MAX_FRAME_SIZE. */
    static final class FrameSize extends Converters.IntBetween {
        FrameSize() {
            super(16_384, 16_777_215);
        }
    }

    /** Room for a plain request's fields. */
    static final class HeaderListSize extends Converters.IntAtLeast {
        HeaderListSize() {
            super(1024);
        }
    }

    /**
     * @param builder the configuration being built
     * @return {@code builder}, with the HTTP versions and HTTP/2 limits set
     */
    ServerConfig.Builder apply(ServerConfig.Builder builder) {
        SessionLimits d = SessionLimits.DEFAULTS;
        return builder.http(http).http2Limits(new SessionLimits(maxConcurrentStreams, initialStreamWindowSize,
                initialConnectionWindowSize, maxFrameSize, maxHeadersSize, d.maxControlFrames(),
                d.maxEmptyDataFrames(), d.maxResets(), d.resetWindow(), d.maxPendingOutput(), d.connectProtocol()));
    }
}
