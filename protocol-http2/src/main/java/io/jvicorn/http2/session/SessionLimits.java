package io.jvicorn.http2.session;

import io.jvicorn.http2.frame.SettingId;

/**
 * What one HTTP/2 connection allows its client: the SETTINGS this server sends and the flood limits it enforces.
 *
 * @param maxConcurrentStreams   SETTINGS_MAX_CONCURRENT_STREAMS: streams open (or whose application still runs) at once;
 *                               more are refused with REFUSED_STREAM
 * @param initialWindowSize      SETTINGS_INITIAL_WINDOW_SIZE: the octets of request body a client may send on a stream
 *                               before the application reads them
 * @param connectionWindowSize   the connection's receive window (raised from 65535 by a WINDOW_UPDATE at the start):
 *                               request body buffered over all streams
 * @param maxFrameSize           SETTINGS_MAX_FRAME_SIZE
 * @param maxHeaderListSize      SETTINGS_MAX_HEADER_LIST_SIZE, counted as RFC 9113 §6.5.2 does; a larger request gets 431
 * @param maxControlFrames       SETTINGS, PING and PRIORITY frames a client may send per period (between two calls of
 *                               {@link Http2Session#newPeriod()}, which the server makes once a second)
 * @param maxEmptyDataFrames     empty DATA frames without END_STREAM a client may send per period
 * @param maxResets              streams a client may reset before their response ended, per {@code resetWindow} streams
 *                               opened (rapid reset)
 * @param resetWindow            the streams over which resets are counted
 * @param maxPendingOutput       octets of frames owed to a client that does not read them (acknowledgements, resets)
 *                               past which the connection ends with ENHANCE_YOUR_CALM
 * @param connectProtocol        SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441): whether clients may open WebSockets with
 *                               an extended CONNECT ({@code :protocol}); without it such a request is malformed
 */
public record SessionLimits(int maxConcurrentStreams, int initialWindowSize, int connectionWindowSize,
        int maxFrameSize, int maxHeaderListSize, int maxControlFrames, int maxEmptyDataFrames, int maxResets,
        int resetWindow, int maxPendingOutput, boolean connectProtocol) {

    /** The RFC's initial stream window. */
    public static final int DEFAULT_WINDOW = 65_535;

    /**
     * 100 streams, 64 KiB windows per stream and 1 MiB per connection, 16 KiB frames, 64 KiB header lists, no extended
     * CONNECT (the server enables it when it serves WebSockets).
     */
    public static final SessionLimits DEFAULTS = new SessionLimits(100, DEFAULT_WINDOW, 1 << 20,
            SettingId.MIN_MAX_FRAME_SIZE, 64 * 1024, 1000, 100, 100, 200, 1 << 20, false);

    /** Checks the ranges. */
    public SessionLimits {
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("max concurrent streams must be at least 1: " + maxConcurrentStreams);
        }
        if (initialWindowSize < 1 || connectionWindowSize < DEFAULT_WINDOW) {
            throw new IllegalArgumentException("initial window must be 1..2^31-1 and the connection window at least "
                    + DEFAULT_WINDOW + ": " + initialWindowSize + ", " + connectionWindowSize);
        }
        if (maxFrameSize < SettingId.MIN_MAX_FRAME_SIZE || maxFrameSize > SettingId.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("max frame size outside 16384..16777215: " + maxFrameSize);
        }
        if (maxHeaderListSize < 1024) {
            throw new IllegalArgumentException("max header list size below 1024: " + maxHeaderListSize);
        }
        if (maxControlFrames < 1 || maxEmptyDataFrames < 1 || maxResets < 1 || resetWindow < maxResets
                || maxPendingOutput < 64 * 1024) {
            throw new IllegalArgumentException("flood limits out of range");
        }
    }

    /** With another SETTINGS_MAX_CONCURRENT_STREAMS. */
    public SessionLimits withMaxConcurrentStreams(int n) {
        return new SessionLimits(n, initialWindowSize, connectionWindowSize, maxFrameSize, maxHeaderListSize,
                maxControlFrames, maxEmptyDataFrames, maxResets, resetWindow, maxPendingOutput, connectProtocol);
    }

    /** With another SETTINGS_INITIAL_WINDOW_SIZE. */
    public SessionLimits withInitialWindowSize(int n) {
        return new SessionLimits(maxConcurrentStreams, n, connectionWindowSize, maxFrameSize, maxHeaderListSize,
                maxControlFrames, maxEmptyDataFrames, maxResets, resetWindow, maxPendingOutput, connectProtocol);
    }

    /** With another SETTINGS_MAX_FRAME_SIZE. */
    public SessionLimits withMaxFrameSize(int n) {
        return new SessionLimits(maxConcurrentStreams, initialWindowSize, connectionWindowSize, n, maxHeaderListSize,
                maxControlFrames, maxEmptyDataFrames, maxResets, resetWindow, maxPendingOutput, connectProtocol);
    }

    /** With another SETTINGS_MAX_HEADER_LIST_SIZE. */
    public SessionLimits withMaxHeaderListSize(int n) {
        return new SessionLimits(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize, n,
                maxControlFrames, maxEmptyDataFrames, maxResets, resetWindow, maxPendingOutput, connectProtocol);
    }

    /** With SETTINGS_ENABLE_CONNECT_PROTOCOL on or off. */
    public SessionLimits withConnectProtocol(boolean enabled) {
        return new SessionLimits(maxConcurrentStreams, initialWindowSize, connectionWindowSize, maxFrameSize,
                maxHeaderListSize, maxControlFrames, maxEmptyDataFrames, maxResets, resetWindow, maxPendingOutput,
                enabled);
    }

    /**
     * The most a header block may take on the wire: the header list limit (an encoded block is smaller than the list
     * it decodes to, unless padded out with table size updates) plus frame headers for a dozen CONTINUATIONs.
     */
    int maxHeaderBlockSize() {
        return maxHeaderListSize + 16 * 9;
    }
}
