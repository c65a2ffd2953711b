package io.jvicorn.http11.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpScope;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebugPageTest {
    private static final InetSocketAddress LOOPBACK_PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000);

    private static HttpScope scope(String rawPath, String query, List<Header> headers) {
        return new HttpScope(AsgiVersion.HTTP, "1.1", "GET", "http", rawPath, rawPath.getBytes(StandardCharsets.UTF_8),
                query.getBytes(StandardCharsets.US_ASCII), "", headers, new Address("127.0.0.1", 50000),
                new Address("127.0.0.1", 8000), Map.of(), Map.of());
    }

    private static String page(Throwable failure, HttpScope scope) {
        return new String(DebugPage.render(failure, scope, null, true), StandardCharsets.UTF_8);
    }

    private static <T extends Throwable> T withFrames(T failure, StackTraceElement... frames) {
        failure.setStackTrace(frames);
        return failure;
    }

    private static StackTraceElement frame(String className, String method, String file, int line) {
        return new StackTraceElement(className, method, file, line);
    }

    @Test
    void theWholePageForOneExceptionByteForByte() {
        IllegalStateException failure = withFrames(new IllegalStateException("cart is empty"),
                frame("com.example.Shop", "checkout", "Shop.java", 42),
                frame("io.jvicorn.http11.server.Exchange", "respond", "Exchange.java", 141),
                frame("java.lang.VirtualThread", "run", "VirtualThread.java", 460));
        String html = page(failure, scope("/cart", "", List.of(Header.of("host", "localhost:8000"))));
        String styleEnd = "</style>\n";
        int bodyStart = html.indexOf(styleEnd) + styleEnd.length();
        assertEquals("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>500 java.lang.IllegalStateException: cart is empty</title>\n<style>", html.substring(0,
                html.indexOf("<style>") + "<style>".length()));
        assertEquals("</head>\n<body>\n"
                + "<h1>java.lang.IllegalStateException</h1>\n"
                + "<p class=\"message\">cart is empty</p>\n"
                + "<p class=\"note\">jvicorn --debug: this page is shown to clients on this machine only; others get "
                + "a plain 500. Do not run --debug in production.</p>\n"
                + "<h2>Traceback</h2>\n"
                + "<div class=\"exception\">\n<h3>java.lang.IllegalStateException: cart is empty</h3>\n"
                + "<ol class=\"frames\">\n"
                + "<li class=\"app\">com.example.Shop.checkout(Shop.java:42)</li>\n"
                + "<li>io.jvicorn.http11.server.Exchange.respond(Exchange.java:141)</li>\n"
                + "<li>java.lang.VirtualThread.run(VirtualThread.java:460)</li>\n"
                + "</ol>\n</div>\n"
                + "<h2>Request</h2>\n<pre class=\"request-line\">GET /cart HTTP/1.1</pre>\n"
                + "<table class=\"headers\">\n<tr><th>host</th><td>localhost:8000</td></tr>\n</table>\n"
                + "</body>\n</html>\n", html.substring(bodyStart));
    }

    @Test
    void everythingFromTheApplicationAndTheClientIsEscaped() {
        IOException cause = withFrames(new IOException("disk 'full' & <gone>"),
                frame("com.example.Disk", "write", "Disk.java", 7));
        IllegalStateException failure = withFrames(
                new IllegalStateException("<script>alert(\"x\")</script>", cause),
                frame("com.example.<Evil>", "m&m", "Evil.java", 1));
        String html = page(failure, scope("/fail/<b>", "q=<i>&r='1'", List.of(
                Header.of("host", "x"), Header.of("x-evil", "<img src=x onerror=alert(1)>"))));

        assertTrue(html.contains("<title>500 java.lang.IllegalStateException: &lt;script&gt;alert(&quot;x&quot;)"
                + "&lt;/script&gt;</title>"), html);
        assertTrue(html.contains("<p class=\"message\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>\n"), html);
        assertTrue(html.contains("<li class=\"app\">com.example.&lt;Evil&gt;.m&amp;m(Evil.java:1)</li>\n"), html);
        assertTrue(html.contains("<h3>Caused by: java.io.IOException: disk &#39;full&#39; &amp; &lt;gone&gt;</h3>\n"
                + "<ol class=\"frames\">\n<li class=\"app\">com.example.Disk.write(Disk.java:7)</li>\n"), html);
        assertTrue(html.contains("<pre class=\"request-line\">GET /fail/&lt;b&gt;?q=&lt;i&gt;&amp;r=&#39;1&#39; HTTP/1.1"
                + "</pre>"), html);
        assertTrue(html.contains("<tr><th>x-evil</th><td>&lt;img src=x onerror=alert(1)&gt;</td></tr>"), html);
        // No markup but the page's own: every '<' opens one of its tags.
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("<b>") || html.contains("<i>") || html.contains("<gone>"), html);
    }

    @Test
    void controlCharactersBecomeReplacementCharacters() {
        assertEquals("a\uFFFDb\tc\nd\uFFFD", DebugPage.escape("a\u0000b\tc\nd\u007F"));
        assertEquals("plain text stays", DebugPage.escape("plain text stays"));
    }

    @Test
    void aCycleOfCausesEnds() {
        IllegalStateException a = withFrames(new IllegalStateException("a"));
        IllegalArgumentException b = withFrames(new IllegalArgumentException("b", a));
        a.initCause(b);
        String html = page(a, scope("/", "", List.of()));
        assertEquals(2, html.split("<div class=\"exception\">", -1).length - 1, html);
    }

    @Test
    void aLongStackIsCut() {
        StackTraceElement[] frames = new StackTraceElement[DebugPage.MAX_FRAMES + 5];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = frame("com.example.Deep", "recurse", "Deep.java", i + 1);
        }
        String html = page(withFrames(new StackOverflowError(), frames), scope("/", "", List.of()));
        assertEquals(DebugPage.MAX_FRAMES, html.split("<li class=\"app\">", -1).length - 1);
        assertTrue(html.contains("<p class=\"note\">… 5 more frames</p>"), html);
        assertFalse(html.contains("<p class=\"message\">"), "no message, no paragraph: " + html);
    }

    @Test
    void applicationFramesAreThoseOfNeitherTheJdkNorJvicorn() {
        assertTrue(DebugPage.isApplicationFrame(frame("com.example.App", "call", "App.java", 1)));
        assertTrue(DebugPage.isApplicationFrame(frame("io.jvicorn.examples.HelloApp", "call", "HelloApp.java", 1)));
        assertFalse(DebugPage.isApplicationFrame(frame("io.jvicorn.server.Server", "start", "Server.java", 1)));
        assertFalse(DebugPage.isApplicationFrame(frame("java.util.HashMap", "get", "HashMap.java", 1)));
        assertFalse(DebugPage.isApplicationFrame(frame("sun.nio.ch.Net", "accept", "Net.java", 1)));
        assertFalse(DebugPage.isApplicationFrame(new StackTraceElement(null, "java.base", "21", "a.B", "m", "B.java",
                1)));
    }

    @Test
    void onlyALoopbackPeerWithALoopbackClientSeesIt() throws Exception {
        Address local = new Address("127.0.0.1", 50000);
        assertTrue(DebugPage.shownTo(LOOPBACK_PEER, local));
        assertTrue(DebugPage.shownTo(new InetSocketAddress(InetAddress.getByName("::1"), 1), new Address("::1", 1)));
        assertTrue(DebugPage.shownTo(LOOPBACK_PEER, new Address("::ffff:127.0.0.1", 1)));
        assertTrue(DebugPage.shownTo(LOOPBACK_PEER, new Address("127.8.9.10", 1)));
        // A proxy on this machine forwarding someone else (X-Forwarded-For taken from a trusted peer).
        assertFalse(DebugPage.shownTo(LOOPBACK_PEER, new Address("203.0.113.7", 0)));
        // A client elsewhere claiming to be local (X-Forwarded-For: 127.0.0.1 with --forwarded-allow-ips '*').
        assertFalse(DebugPage.shownTo(new InetSocketAddress(InetAddress.getByName("192.0.2.2"), 1), local));
        assertFalse(DebugPage.shownTo(UnixDomainSocketAddress.of("/run/app.sock"), local));
        assertFalse(DebugPage.shownTo(LOOPBACK_PEER, null));
        assertFalse(DebugPage.shownTo(null, local));
        assertFalse(DebugPage.shownTo(LOOPBACK_PEER, new Address("localhost", 1)), "names are not resolved");
        assertFalse(DebugPage.shownTo(LOOPBACK_PEER, new Address("::ffff:10.0.0.1", 1)));
        assertFalse(DebugPage.shownTo(LOOPBACK_PEER, new Address("::2", 1)));
    }

    @Test
    void framesShowTheirSourceLinesNumberedEscapedWithTheirLineMarked() {
        List<String> asked = new java.util.ArrayList<>();
        SourceLines sources = (frame, mayRead) -> {
            asked.add(frame.getClassName() + ":" + frame.getLineNumber() + ":" + mayRead);
            return frame.getClassName().equals("com.example.Shop")
                    ? new SourceLines.Excerpt(9, List.of("    int total(List<Item> items) {",
                            "        if (items.isEmpty() && \"a\" != 'b') {", "            throw new X(\"<empty>\");",
                            "        }", "    }"))
                    : null;
        };
        IllegalStateException failure = withFrames(new IllegalStateException("cart is empty"),
                frame("com.example.Shop", "total", "Shop.java", 11),
                new StackTraceElement("com.example.Gen", "run", null, -1),
                frame("java.lang.Thread", "run", "Thread.java", 1583));
        String html = new String(DebugPage.render(failure, scope("/", "", List.of()), sources, true),
                StandardCharsets.UTF_8);
        assertTrue(html.contains("<li class=\"app\">com.example.Shop.total(Shop.java:11)\n<pre class=\"source\">"
                + "<span class=\"n\"> 9  </span>    int total(List&lt;Item&gt; items) {\n"
                + "<span class=\"n\">10  </span>        if (items.isEmpty() &amp;&amp; &quot;a&quot; != &#39;b&#39;) {\n"
                + "<span class=\"here\"><span class=\"n\">11  </span>            throw new X(&quot;&lt;empty&gt;&quot;);"
                + "</span><span class=\"n\">12  </span>        }\n"
                + "<span class=\"n\">13  </span>    }\n</pre></li>\n"), html);
        assertTrue(html.contains("<li>java.lang.Thread.run(Thread.java:1583)</li>\n"), html);
        assertEquals(List.of("com.example.Shop:11:true", "java.lang.Thread:1583:true"), asked,
                "a frame without file or line is not looked up");
        DebugPage.render(failure, scope("/", "", List.of()), sources, false);
        assertEquals("com.example.Shop:11:false", asked.get(2), "on a loop, no file may be read");
    }

    @Test
    void excerptsPerPageAreLimited() {
        StackTraceElement[] frames = new StackTraceElement[DebugPage.MAX_EXCERPTS + 10];
        java.util.Arrays.fill(frames, frame("com.example.Deep", "call", "Deep.java", 1));
        SourceLines sources = (frame, mayRead) -> new SourceLines.Excerpt(1, List.of("call();"));
        String html = new String(DebugPage.render(withFrames(new StackOverflowError(), frames),
                scope("/", "", List.of()), sources, true), StandardCharsets.UTF_8);
        assertEquals(DebugPage.MAX_EXCERPTS, html.split("<pre class=\"source\">", -1).length - 1);
    }
}
