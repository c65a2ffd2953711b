package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's "Logging to SLF4J", as written: the command run with {@code java -cp} (a {@code -jar} ignores the class
 * path), jul-to-slf4j and a provider (slf4j-simple here) on the class path, and {@code docs/slf4j-logging.properties}
 * as {@code --log-config}. Every line then comes out in the provider's layout, not jvicorn's.
 */
class LogRoutingProcessTest {
    private static final Path CONFIG = Path.of("..", "docs", "slf4j-logging.properties");

    @Test
    void jvicornsLogsReachSlf4j() throws Exception {
        assertTrue(Files.isRegularFile(CONFIG), CONFIG.toAbsolutePath() + " is missing");
        Process p = JvicornProcess.start("io.jvicorn.cli.testapps:HelloTestApp", "--port", "0",
                "--log-config", CONFIG.toString());
        try {
            BufferedReader out = JvicornProcess.output(p);
            List<String> lines = new ArrayList<>();
            int port = Integer.parseInt(JvicornProcess.awaitLine(out, Pattern.compile(
                    "^\\[main\\] INFO jvicorn\\.error - jvicorn running on http://127\\.0\\.0\\.1:(\\d+) \\(Press "
                            + "CTRL\\+C to quit\\)$"), lines).group(1));
            assertTrue(lines.get(0).matches("\\[main\\] INFO jvicorn\\.error - Started server process \\[\\d+\\]"),
                    lines.toString());
            assertEquals("hi", SupervisedProcess.get(port));
            JvicornProcess.awaitLine(out, Pattern.compile(
                    "INFO jvicorn\\.access - 127\\.0\\.0\\.1:\\d+ - \"GET / HTTP/1\\.1\" 200 OK$"), lines);
            p.toHandle().destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            lines.addAll(JvicornProcess.drain(out).lines().toList());
            assertEquals(0, p.exitValue(), lines.toString());
            assertTrue(lines.stream().anyMatch(line -> line.matches(
                    "\\[.*\\] INFO jvicorn\\.error - Finished server process \\[\\d+\\]")), lines.toString());
            assertTrue(lines.stream().noneMatch(line -> line.startsWith("INFO:")), "jvicorn's own layout: " + lines);
        } finally {
            p.destroyForcibly();
        }
    }
}
