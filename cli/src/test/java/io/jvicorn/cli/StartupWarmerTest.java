package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class StartupWarmerTest {
    @Test
    void everyClassItInitializesExists() {
        for (String name : StartupWarmer.SERVER_CLASSES) {
            assertDoesNotThrow(() -> Class.forName(name, false, StartupWarmerTest.class.getClassLoader()), name);
        }
    }
}
