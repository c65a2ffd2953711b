package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void readsTheMajorVersionOfOldAndNewSchemes() {
        assertEquals(8, Launcher.majorVersion("1.8"));
        assertEquals(9, Launcher.majorVersion("9"));
        assertEquals(17, Launcher.majorVersion("17"));
        assertEquals(21, Launcher.majorVersion("21"));
        assertEquals(25, Launcher.majorVersion("25.0.1"));
        assertEquals(0, Launcher.majorVersion("unknown"));
    }

    @Test
    void explainsATooOldJavaInOneLine() {
        assertEquals("jvicorn needs Java 21 or newer; this is Java 17 (JAVA_HOME=/usr/lib/jvm/java-17). "
                        + "Install Java 21+ or point JAVA_HOME at it.",
                Launcher.tooOldMessage("17", "/usr/lib/jvm/java-17"));
        assertEquals("jvicorn needs Java 21 or newer; this is Java 1.8 (JAVA_HOME=not set). "
                        + "Install Java 21+ or point JAVA_HOME at it.",
                Launcher.tooOldMessage("1.8", null));
    }
}
