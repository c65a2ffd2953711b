package io.jvicorn.websocket.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeepaliveTest {
    private static final long S = 1_000_000_000L;

    @Test
    void pingsEveryIntervalWhilePongsArrive() {
        Keepalive k = new Keepalive(20 * S, 20 * S);
        k.start(0);
        assertEquals(Keepalive.Action.NOTHING, k.check(20 * S - 1));
        assertEquals(Keepalive.Action.PING, k.check(20 * S));
        byte[] first = k.ping(20 * S);
        assertEquals(Keepalive.Action.NOTHING, k.check(39 * S), "waiting for the pong");
        assertTrue(k.pong(first), "the keepalive's own pong");
        assertFalse(k.pong(first), "answered already: a repeat is the application's");
        assertEquals(Keepalive.Action.NOTHING, k.check(39 * S));
        assertEquals(Keepalive.Action.PING, k.check(40 * S));
        byte[] second = k.ping(40 * S);
        assertFalse(Arrays.equals(first, second), "each ping has its own payload");
    }

    @Test
    void timesOutWithoutTheMatchingPong() {
        Keepalive k = new Keepalive(S, 2 * S);
        k.start(0);
        byte[] payload = k.ping(S);
        assertFalse(k.pong(new byte[] {9, 9, 9, 9}), "unsolicited pong: does not count");
        assertEquals(Keepalive.Action.NOTHING, k.check(3 * S - 1));
        assertEquals(Keepalive.Action.TIME_OUT, k.check(3 * S));
        assertTrue(k.pong(payload));
        assertEquals(Keepalive.Action.PING, k.check(3 * S), "a late pong still counts; the next ping is overdue");
    }

    @Test
    void noTimeoutWaitsForeverAndNoIntervalNeverPings() {
        Keepalive noTimeout = new Keepalive(S, 0);
        noTimeout.start(0);
        assertArrayEquals(new byte[] {0, 0, 0, 1}, noTimeout.ping(S));
        assertEquals(Keepalive.Action.NOTHING, noTimeout.check(1000 * S));
        Keepalive off = new Keepalive(0, S);
        off.start(0);
        assertEquals(Keepalive.Action.NOTHING, off.check(1000 * S));
    }

    @Test
    void stopEndsPinging() {
        Keepalive k = new Keepalive(S, S);
        k.start(0);
        k.stop();
        assertEquals(Keepalive.Action.NOTHING, k.check(10 * S));
    }
}
