package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.engine.LoopCarriers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoreShareTest {
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(CoreShare.CARRIERS_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(CoreShare.CARRIERS_PROPERTY);
        } else {
            System.setProperty(CoreShare.CARRIERS_PROPERTY, saved);
        }
    }

    @Test
    void loopsThatCarryVirtualThreadsTakeEveryProcessor() {
        // The tests run with java.lang opened on Java 25, as the jvicorn jar does: the default is available here.
        assertTrue(LoopCarriers.available(), "loop carriers unavailable: is --add-opens java.base/java.lang missing?");
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(processors, CoreShare.defaultLoops(Carriers.LOOPS));
        assertEquals(processors, ServerConfig.builder((s, r, w) -> { }).build().loops());
        assertEquals(3, ServerConfig.builder((s, r, w) -> { }).loops(3).build().loops());
    }

    @Test
    void loopsAndPoolCarriersShareTheProcessors() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.max(1, processors / 2), CoreShare.defaultLoops());
        assertEquals(CoreShare.defaultLoops(), CoreShare.defaultLoops(Carriers.POOL));
        assertEquals(CoreShare.defaultLoops(),
                ServerConfig.builder((s, r, w) -> { }).carriers(Carriers.POOL).build().loops());
        System.clearProperty(CoreShare.CARRIERS_PROPERTY);
        int carriers = CoreShare.configureCarriers();
        assertEquals(Math.max(1, processors - CoreShare.defaultLoops()), carriers);
        assertEquals(Integer.toString(carriers), System.getProperty(CoreShare.CARRIERS_PROPERTY));
    }

    @Test
    void aCarrierCountTheUserSetIsKept() {
        System.setProperty(CoreShare.CARRIERS_PROPERTY, "7");
        assertEquals(7, CoreShare.configureCarriers());
        assertEquals("7", System.getProperty(CoreShare.CARRIERS_PROPERTY));
    }
}
