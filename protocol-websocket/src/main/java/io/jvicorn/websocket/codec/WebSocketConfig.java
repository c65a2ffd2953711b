package io.jvicorn.websocket.codec;

import java.util.zip.Deflater;

/**
 * Limits and options of one server's WebSocket connections.
 *
 * <p>The default compression level is 6, zlib's own default: it is what Uvicorn gets (its WebSocket library passes no
 * level), and what Netty and Jetty use, so compressed sizes match what Uvicorn users see. The per-connection cost that
 * matters is memory, which depends on the window size and zlib's memLevel rather than on the level, and
 * {@link Deflater} fixes both at their maximum; lowering the level would only trade ratio for CPU.
 *
 * @param maxMessageSize    the largest message accepted, in bytes after decompression; a larger one fails the
 *                          connection with 1009 before it is buffered
 * @param perMessageDeflate whether the permessage-deflate extension is accepted when a client offers it
 * @param compressionLevel  the {@link Deflater} level for outgoing messages, 0 (store) to 9
 */
public record WebSocketConfig(int maxMessageSize, boolean perMessageDeflate, int compressionLevel) {

    /** 16 MiB, Uvicorn's default {@code --ws-max-size}. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    /** zlib's default level. */
    public static final int DEFAULT_COMPRESSION_LEVEL = 6;

    /** Largest accepted limit: a message must fit in one Java array, with room for the overflow check. */
    public static final int LARGEST_MAX_MESSAGE_SIZE = Integer.MAX_VALUE - 16;

    /** Validates the values. */
    public WebSocketConfig {
        if (maxMessageSize < 1 || maxMessageSize > LARGEST_MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("maxMessageSize must be between 1 and " + LARGEST_MAX_MESSAGE_SIZE
                    + ", got " + maxMessageSize);
        }
        if (compressionLevel < Deflater.NO_COMPRESSION || compressionLevel > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("compressionLevel must be between 0 and 9, got " + compressionLevel);
        }
    }

    /**
     * The defaults: 16 MiB messages, permessage-deflate accepted, level 6.
     *
     * @return the default configuration
     */
    public static WebSocketConfig defaults() {
        return new WebSocketConfig(DEFAULT_MAX_MESSAGE_SIZE, true, DEFAULT_COMPRESSION_LEVEL);
    }

    /**
     * A copy with another message size limit.
     *
     * @param bytes the new limit
     * @return the new configuration
     */
    public WebSocketConfig withMaxMessageSize(int bytes) {
        return new WebSocketConfig(bytes, perMessageDeflate, compressionLevel);
    }

    /**
     * A copy with permessage-deflate enabled or disabled.
     *
     * @param enabled whether to accept the extension
     * @return the new configuration
     */
    public WebSocketConfig withPerMessageDeflate(boolean enabled) {
        return new WebSocketConfig(maxMessageSize, enabled, compressionLevel);
    }

    /**
     * A copy with another compression level.
     *
     * @param level 0 to 9
     * @return the new configuration
     */
    public WebSocketConfig withCompressionLevel(int level) {
        return new WebSocketConfig(maxMessageSize, perMessageDeflate, level);
    }
}
