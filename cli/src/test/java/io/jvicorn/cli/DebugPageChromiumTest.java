package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.testing.HeadlessChromium;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --debug} page in a real browser: headless Chromium parses it (the DOM it builds holds the page's own
 * elements only, the application's markup and source code staying text; the frames show their source lines, found
 * through the Maven layout of {@code --app-dir target/test-classes}) and takes a screenshot, written to
 * {@code target/debug-page.png} ({@code docs/debug-page.png} is a copy of one).
 */
class DebugPageChromiumTest {
    private static final Pattern RUNNING = Pattern.compile("jvicorn running on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Test
    @Timeout(120)
    void chromiumRendersThePage(@TempDir Path profile) throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.available(), "no " + HeadlessChromium.EXECUTABLE + " (apt-get install chromium)");
        Process server = JvicornProcess.start("org.example.debugshop:ShopApp", "--port", "0", "--debug",
                "--no-access-log", "--app-dir", "target/test-classes");
        try {
            BufferedReader out = JvicornProcess.output(server);
            int port = Integer.parseInt(JvicornProcess.awaitLine(out, RUNNING, new ArrayList<>()).group(1));
            String url = "http://127.0.0.1:" + port + "/checkout?cart=%3Cb%3E42";

            String dom = chromium(profile, "dom", "--dump-dom", url);
            assertTrue(dom.contains("<h1>java.lang.IllegalStateException</h1>"), dom);
            assertTrue(dom.contains("cannot check out cart &lt;42&gt;: payment declined"), dom);
            assertTrue(dom.contains("<li class=\"app\">org.example.debugshop.ShopApp$Cart.checkout(ShopApp.java:"), dom);
            assertFalse(dom.contains("<b>"), "the query's markup stays text: " + dom);
            assertTrue(dom.contains("<pre class=\"source\">"), "frames show their source lines: " + dom);
            assertTrue(dom.contains("throw new IllegalStateException(\"cannot check out cart &lt;\" + id + \"&gt;: "
                    + "payment declined\", e);</span>"), "the source's markup stays text too: " + dom);

            Path png = Path.of("target", "debug-page.png").toAbsolutePath();
            Files.deleteIfExists(png);
            chromium(profile, "shot", "--screenshot=" + png, "--window-size=1100,1200", "--hide-scrollbars", url);
            byte[] image = Files.readAllBytes(png);
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(image, PNG_SIGNATURE.length));
            assertTrue(image.length > 20_000, "a page of text, not a blank image: " + image.length + " bytes");
        } finally {
            server.destroyForcibly();
        }
    }

    /** Runs headless Chromium once and returns its standard output. */
    private static String chromium(Path profile, String name, String... args) throws Exception {
        List<String> command = HeadlessChromium.command(profile.resolve(name), args);
        Path log = profile.resolve(name + ".log");
        Process browser = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try {
            String stdout = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(browser.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
            assertEquals(0, browser.exitValue(), Files.readString(log));
            return stdout;
        } finally {
            browser.descendants().forEach(ProcessHandle::destroy);
            browser.destroyForcibly();
        }
    }
}
