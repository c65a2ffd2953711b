package io.jvicorn.websocket.server;

import java.util.Arrays;

/**
 * When to send a keepalive ping and when its pong is overdue (Uvicorn's {@code --ws-ping-interval} and
 * {@code --ws-ping-timeout}). Pure timekeeping: the loop's tick asks, the handler sends. Loop thread only.
 */
final class Keepalive {
    /** What the tick must do. */
    enum Action { NOTHING, PING, TIME_OUT }

    private final long intervalNanos;
    private final long timeoutNanos;
    private boolean started;
    private long nextPingAt;
    private boolean awaitingPong;
    private long pingSentAt;
    private int counter;
    private byte[] payload = new byte[0];

    /**
     * @param intervalNanos time between pings, 0 for no pings
     * @param timeoutNanos  time allowed for the pong, 0 for no limit
     */
    Keepalive(long intervalNanos, long timeoutNanos) {
        this.intervalNanos = intervalNanos;
        this.timeoutNanos = timeoutNanos;
    }

    /** The socket is open: the first ping is due one interval from now. */
    void start(long now) {
        started = intervalNanos > 0;
        nextPingAt = now + intervalNanos;
    }

    Action check(long now) {
        if (!started) {
            return Action.NOTHING;
        }
        if (awaitingPong) {
            return timeoutNanos > 0 && now - pingSentAt - timeoutNanos >= 0 ? Action.TIME_OUT : Action.NOTHING;
        }
        return now - nextPingAt >= 0 ? Action.PING : Action.NOTHING;
    }

    /**
     * Records a ping sent now.
     *
     * @return its payload: a 4-byte counter, so the pong that answers it can be told from unsolicited ones
     */
    byte[] ping(long now) {
        int n = ++counter;
        payload = new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        awaitingPong = true;
        pingSentAt = now;
        return payload;
    }

    /**
     * A pong arrived; it answers the outstanding ping if the payloads match (RFC 6455 §5.5.3).
     *
     * @return true if it answered the keepalive ping (so it is not the application's)
     */
    boolean pong(byte[] received) {
        if (awaitingPong && Arrays.equals(received, payload)) {
            awaitingPong = false;
            nextPingAt = pingSentAt + intervalNanos;
            return true;
        }
        return false;
    }

    /** Stops pinging (the socket is closing). */
    void stop() {
        started = false;
    }
}
