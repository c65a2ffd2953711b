package io.jvicorn.http2.session;

import io.jvicorn.http2.frame.SettingId;

/**
 * One flow-control window (RFC 9113 §6.9): octets the sender may still send. A long, since a SETTINGS_INITIAL_WINDOW_SIZE
 * change may take a send window below zero (§6.9.2) and an increment is checked before it is applied. Owned by the
 * connection's thread.
 */
final class FlowWindow {
    private long size;

    FlowWindow(long size) {
        this.size = size;
    }

    /** The octets that may be sent now, 0 when the window is empty or negative. */
    int available() {
        return (int) Math.max(0, Math.min(size, Integer.MAX_VALUE));
    }

    /** The size, possibly negative. */
    long size() {
        return size;
    }

    /**
     * Takes {@code n} octets if they fit.
     *
     * @return false (and the window unchanged) when they do not
     */
    boolean consume(int n) {
        if (n > size) {
            return false;
        }
        size -= n;
        return true;
    }

    /**
     * Adds a WINDOW_UPDATE increment, or a SETTINGS_INITIAL_WINDOW_SIZE change (negative allowed).
     *
     * @return false (and the window unchanged) when it would exceed 2^31-1
     */
    boolean grow(long delta) {
        if (size + delta > SettingId.MAX_WINDOW_SIZE) {
            return false;
        }
        size += delta;
        return true;
    }
}
