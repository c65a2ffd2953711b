package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code --debug} over real sockets: who gets the page, who gets the plain 500. */
class DebugPageServerTest {
    private static final String REQUEST = "GET /orders?id=<7> HTTP/1.1\r\nHost: x\r\n";
    private static final Application FAILING = (scope, receive, send) -> {
        throw new IllegalStateException("no order <7>");
    };

    private static void assertPlain500(RawClient.Response r) {
        assertEquals(500, r.status());
        assertEquals("text/plain; charset=utf-8", r.header("content-type"));
        assertEquals("Internal Server Error", r.text());
    }

    @Test
    void aLoopbackClientGetsThePage() throws Exception {
        try (TestServer s = TestServer.start(FAILING, b -> b.debug(true));
             RawClient c = s.raw()) {
            RawClient.Response r = c.send(REQUEST + "\r\n").response();
            assertEquals(500, r.status());
            assertEquals("text/html; charset=utf-8", r.header("content-type"));
            assertEquals("close", r.header("connection"));
            String html = r.text();
            assertTrue(html.startsWith("<!DOCTYPE html>\n"), html);
            assertTrue(html.contains("<h1>java.lang.IllegalStateException</h1>\n<p class=\"message\">no order &lt;7&gt;"
                    + "</p>"), html);
            // The failing lambda's frame (in jvicorn's own package, so not marked as the application's).
            assertTrue(html.contains("<li>io.jvicorn.server.DebugPageServerTest.lambda$"), html);
            assertTrue(html.contains("<pre class=\"request-line\">GET /orders?id=&lt;7&gt; HTTP/1.1</pre>"), html);
            assertTrue(html.contains("<tr><th>host</th><td>x</td></tr>"), html);
            assertEquals(html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                    Integer.parseInt(r.header("content-length")));
        }
    }

    @Test
    void offByDefault() throws Exception {
        try (TestServer s = TestServer.start(FAILING); RawClient c = s.raw()) {
            assertPlain500(c.send(REQUEST + "\r\n").response());
        }
    }

    @Test
    void aClientForwardedByAProxyOnThisMachineGetsThePlain500() throws Exception {
        try (TestServer s = TestServer.start(FAILING, b -> b.debug(true)); RawClient c = s.raw()) {
            assertPlain500(c.send(REQUEST + "X-Forwarded-For: 203.0.113.7\r\n\r\n").response());
        }
    }

    @Test
    void xForwardedForCannotFakeLoopback() throws Exception {
        InetAddress external = externalAddress().orElse(null);
        Assumptions.assumeTrue(external != null, "this machine has no non-loopback IPv4 address to connect from");
        // Every peer trusted, so the scope's client becomes 127.0.0.1: the page still needs a loopback socket.
        try (TestServer s = TestServer.start(FAILING, b -> b.debug(true).host("0.0.0.0").forwardedAllowIps("*"));
             RawClient c = new RawClient(external.getHostAddress(), s.port())) {
            assertPlain500(c.send(REQUEST + "X-Forwarded-For: 127.0.0.1\r\n\r\n").response());
        }
    }

    private static Optional<InetAddress> externalAddress() throws Exception {
        return NetworkInterface.networkInterfaces().filter(ni -> {
                    try {
                        return ni.isUp() && !ni.isLoopback();
                    } catch (java.net.SocketException e) {
                        return false;
                    }
                }).flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
    }
}
