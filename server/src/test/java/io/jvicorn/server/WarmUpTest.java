package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class WarmUpTest {
    @Test
    void everyClassItInitializesExists() {
        for (String name : WarmUp.SERVER_CLASSES) {
            assertDoesNotThrow(() -> Class.forName(name, false, WarmUpTest.class.getClassLoader()), name);
        }
    }

    @Test
    void warmingUpTwiceFromTwoThreadsIsHarmless() throws InterruptedException {
        Thread other = Thread.ofPlatform().start(Server::warmUp);
        assertDoesNotThrow(Server::warmUp);
        other.join();
    }
}
