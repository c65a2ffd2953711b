package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A SIGINT inherited as ignored, where it cannot be taken back: the command on the class path, without its jar's Java
 * 22 classes (as on Java 21). It says so and names the signal that still works. {@link IgnoredInterruptProcessIT}
 * tests the jar, which takes it back.
 */
class IgnoredInterruptProcessTest {
    @BeforeAll
    static void theLauncherIgnoresInterrupt() throws Exception {
        InterruptSignals.assertLauncherIgnoresInterrupt();
    }

    @Test
    void withoutTheJava22ClassesItWarnsAndSigtermStillStopsIt() throws Exception {
        // Whether the server's classes come from its directory or its multi-release jar (after `mvn package`), the JVM
        // is told to ignore the jar's Java 22 variants.
        Process p = JvicornProcess.start(JvicornProcess.INTERRUPT_IGNORED,
                Map.of("JDK_JAVA_OPTIONS", "-Djdk.util.jar.enableMultiRelease=false"),
                "io.jvicorn.cli.testapps:LifespanTestApp", "--port", "0");
        try {
            BufferedReader out = JvicornProcess.output(p);
            List<String> lines = new ArrayList<>();
            JvicornProcess.awaitLine(out, Pattern.compile("jvicorn running on "), lines);
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("WARNING:  SIGINT is ignored, as a shell sets "
                    + "it for a background job, so Ctrl+C and kill -INT will not stop this process (taking it back "
                    + "needs the Java 22 part of jvicorn's multi-release jar") && line.endsWith("; stop it with SIGTERM")),
                    lines.toString());
            p.toHandle().destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "did not exit after SIGTERM");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
