package io.jvicorn.websocket.server;

import io.jvicorn.websocket.codec.WebSocketConfig;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Limits and timers of a server's WebSocket connections, named after Uvicorn's {@code --ws-*} options.
 *
 * @param maxMessageSize    the largest message in bytes ({@code --ws-max-size}); a larger one closes with 1009
 * @param maxQueue          complete messages read ahead of the application ({@code --ws-max-queue}); when that many
 *                          wait, the server stops reading the socket
 * @param pingInterval      how often to send a keepalive ping ({@code --ws-ping-interval}); null or zero: never
 * @param pingTimeout       how long to wait for the pong ({@code --ws-ping-timeout}) before closing with 1011;
 *                          null or zero: forever
 * @param perMessageDeflate whether permessage-deflate is accepted when a client offers it
 * @param closeTimeout      how long to wait for the peer's answer to this side's close frame before dropping the TCP
 *                          connection
 */
public record WebSocketServerSettings(int maxMessageSize, int maxQueue, @Nullable Duration pingInterval,
                                      @Nullable Duration pingTimeout, boolean perMessageDeflate,
                                      Duration closeTimeout) {

    /** Uvicorn's defaults: 16 MiB, 32 messages, pings every 20 s with a 20 s timeout, compression on; 5 s to close. */
    public static final WebSocketServerSettings DEFAULTS = new WebSocketServerSettings(
            WebSocketConfig.DEFAULT_MAX_MESSAGE_SIZE, 32, Duration.ofSeconds(20), Duration.ofSeconds(20), true,
            Duration.ofSeconds(5));

    /** Checks ranges. */
    public WebSocketServerSettings {
        if (maxMessageSize < 1 || maxMessageSize > WebSocketConfig.LARGEST_MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("ws-max-size must be between 1 and "
                    + WebSocketConfig.LARGEST_MAX_MESSAGE_SIZE + ", got " + maxMessageSize);
        }
        if (maxQueue < 1) {
            throw new IllegalArgumentException("ws-max-queue must be at least 1, got " + maxQueue);
        }
        requireNotNegative(pingInterval, "ws-ping-interval");
        requireNotNegative(pingTimeout, "ws-ping-timeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("close timeout must be positive, got " + closeTimeout);
        }
    }

    private static void requireNotNegative(@Nullable Duration d, String name) {
        if (d != null && d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
    }

    /**
     * The codec's configuration for these settings.
     *
     * @return message size limit and compression switch, at zlib's default level
     */
    public WebSocketConfig codecConfig() {
        return new WebSocketConfig(maxMessageSize, perMessageDeflate, WebSocketConfig.DEFAULT_COMPRESSION_LEVEL);
    }

    /** @return the ping interval in nanoseconds, 0 when pings are off */
    long pingIntervalNanos() {
        return pingInterval == null ? 0 : pingInterval.toNanos();
    }

    /** @return the pong timeout in nanoseconds, 0 when there is none */
    long pingTimeoutNanos() {
        return pingTimeout == null ? 0 : pingTimeout.toNanos();
    }
}
