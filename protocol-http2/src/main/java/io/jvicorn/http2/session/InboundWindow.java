package io.jvicorn.http2.session;

/**
 * A receive window (RFC 9113 §6.9): how much the client may still send, and what the application has consumed since
 * the last WINDOW_UPDATE. The window is re-opened in steps of at least half its target, so a stream read in small pieces
 * does not cost a frame per piece; since whatever is not consumed is still buffered, a window that reached zero always
 * has at least half its target to give back once the application has read, so no stream waits forever. Owned by the
 * connection's thread.
 */
final class InboundWindow {
    /** The size WINDOW_UPDATEs restore. */
    private final int target;
    private long window;
    /** Consumed (or padding, or dropped) octets not announced yet. */
    private int unannounced;

    InboundWindow(int target, long initial) {
        this.target = target;
        this.window = initial;
    }

    /**
     * Counts a DATA frame's flow-controlled length.
     *
     * @return false (and the window unchanged) when the frame is larger than the window
     */
    boolean charge(int n) {
        if (n > window) {
            return false;
        }
        window -= n;
        return true;
    }

    /**
     * Octets the application consumed, or the server dropped, which the client may send again.
     *
     * @return the WINDOW_UPDATE increment to send now, or 0 while the amount is too small to be worth a frame
     */
    int release(int n) {
        unannounced += n;
        if (unannounced < Math.max(1, target / 2)) {
            return 0;
        }
        int increment = (int) Math.min(unannounced, Integer.MAX_VALUE - Math.max(0, window));
        unannounced -= increment;
        window += increment;
        return increment;
    }

    /** Shifts the window when the initial size in force changes (our SETTINGS acknowledged). */
    void adjust(long delta) {
        window += delta;
    }

    /** The client's remaining credit (may be negative after {@link #adjust}). */
    long window() {
        return window;
    }
}
