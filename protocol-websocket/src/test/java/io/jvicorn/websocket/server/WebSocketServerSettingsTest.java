package io.jvicorn.websocket.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebSocketServerSettingsTest {

    @Test
    void defaultsAreUvicorns() {
        WebSocketServerSettings d = WebSocketServerSettings.DEFAULTS;
        assertEquals(16 * 1024 * 1024, d.maxMessageSize());
        assertEquals(32, d.maxQueue());
        assertEquals(Duration.ofSeconds(20), d.pingInterval());
        assertEquals(Duration.ofSeconds(20), d.pingTimeout());
        assertTrue(d.perMessageDeflate());
        assertEquals(16 * 1024 * 1024, d.codecConfig().maxMessageSize());
    }

    @Test
    void nullOrZeroTimersAreOff() {
        WebSocketServerSettings s = new WebSocketServerSettings(10, 1, null, Duration.ZERO, false, Duration.ofSeconds(1));
        assertEquals(0, s.pingIntervalNanos());
        assertEquals(0, s.pingTimeoutNanos());
    }

    @Test
    void rejectsOutOfRangeValues() {
        Duration second = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> new WebSocketServerSettings(0, 1, null, null, true, second));
        assertThrows(IllegalArgumentException.class, () -> new WebSocketServerSettings(1, 0, null, null, true, second));
        assertThrows(IllegalArgumentException.class,
                () -> new WebSocketServerSettings(1, 1, Duration.ofSeconds(-1), null, true, second));
        assertThrows(IllegalArgumentException.class,
                () -> new WebSocketServerSettings(1, 1, null, null, true, Duration.ZERO));
    }
}
