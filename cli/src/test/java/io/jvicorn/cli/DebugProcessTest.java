package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code --debug} through the real command. */
class DebugProcessTest {
    private static final Pattern RUNNING = Pattern.compile("jvicorn running on http://127\\.0\\.0\\.1:(\\d+) ");

    @Test
    void warnsAtStartupAndAnswersAFailureWithThePage() throws Exception {
        // The classes' Maven layout leads to their sources: src/test/java beside target/test-classes.
        Process p = JvicornProcess.start("org.example.debugshop:ShopApp", "--port", "0", "--debug",
                "--app-dir", "target/test-classes");
        try {
            BufferedReader out = JvicornProcess.output(p);
            List<String> lines = new ArrayList<>();
            int port = Integer.parseInt(JvicornProcess.awaitLine(out, RUNNING, lines).group(1));
            assertTrue(lines.contains("WARNING:  Debug mode is on: an application failure is answered with its stack "
                    + "trace and the request's headers to clients on this machine. Do not use it in production."),
                    lines.toString());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/checkout")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(500, r.statusCode());
            assertEquals("text/html; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
            String html = r.body();
            assertTrue(html.contains("<p class=\"message\">cannot check out cart &lt;42&gt;: payment declined</p>"),
                    html);
            assertTrue(html.contains("<h3>Caused by: java.io.UncheckedIOException: java.io.IOException: payment "
                    + "service at &#39;pay.example&#39; answered 503 &amp; closed</h3>"), html);
            assertTrue(html.contains("<h3>Caused by: java.io.IOException: payment service at &#39;pay.example&#39; "
                    + "answered 503 &amp; closed</h3>"), html);
            assertTrue(html.contains("<li class=\"app\">org.example.debugshop.ShopApp$Cart.checkout(ShopApp.java:"), html);
            assertTrue(html.contains("<li class=\"app\">org.example.debugshop.ShopApp.call(ShopApp.java:"), html);
            assertTrue(html.contains("<li>io.jvicorn.http11.server.Exchange.respond(Exchange.java:"), html);
            assertTrue(html.contains("</span>                throw new IllegalStateException(&quot;cannot check out cart "
                    + "&lt;&quot; + id + &quot;&gt;: payment declined&quot;, e);</span>"),
                    "the failing line, marked and escaped: " + html);
            assertTrue(html.contains("</span>            throw new UncheckedIOException(new IOException(&quot;payment "
                    + "service at &#39;pay.example&#39; answered 503 &amp; closed&quot;));</span>"), html);
            p.toHandle().destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void isRefusedWithSeveralWorkers() throws Exception {
        Process p = JvicornProcess.start("org.example.debugshop:ShopApp", "--port", "0", "--debug", "--workers", "2");
        String output = JvicornProcess.drain(JvicornProcess.output(p));
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(Main.EXIT_USAGE, p.exitValue(), output);
        assertTrue(output.startsWith("Error: --debug cannot be used with --workers 2: the debug page is for a single "
                + "development process (use --reload for restarts)\n"), output);
    }
}
