package io.jvicorn.http2.session;

import org.jspecify.annotations.Nullable;

/**
 * Counts what a client can make this server do for nothing, each against its limit (RFC 9113 §10.5): SETTINGS, PING and
 * PRIORITY frames and empty DATA frames per period (the caller ends a period once a second; no clock here), and streams
 * reset by the client before their response ended per window of streams opened (rapid reset, CVE-2023-44487: a client
 * that opens and cancels streams at once never reaches the concurrency limit, while each stream starts work). Owned by
 * the connection's thread.
 */
final class FloodGuard {
    private final SessionLimits limits;
    private int controlFrames;
    private int emptyData;
    private int resets;
    private int streamsInWindow;

    FloodGuard(SessionLimits limits) {
        this.limits = limits;
    }

    /** A SETTINGS (not an ACK), PING (not an ACK) or PRIORITY frame. */
    @Nullable SessionViolation controlFrame() {
        return ++controlFrames > limits.maxControlFrames() ? SessionViolation.CONTROL_FRAME_FLOOD : null;
    }

    /** A DATA frame with no payload and no END_STREAM. */
    @Nullable SessionViolation emptyData() {
        return ++emptyData > limits.maxEmptyDataFrames() ? SessionViolation.EMPTY_DATA_FLOOD : null;
    }

    /** A stream opened: every {@code resetWindow} streams the reset count starts again. */
    void streamOpened() {
        if (++streamsInWindow > limits.resetWindow()) {
            streamsInWindow = 1;
            resets = 0;
        }
    }

    /** The client reset a stream whose response had not ended. */
    @Nullable SessionViolation reset() {
        return ++resets > limits.maxResets() ? SessionViolation.RAPID_RESET : null;
    }

    /** A period ended. */
    void newPeriod() {
        controlFrames = 0;
        emptyData = 0;
    }
}
