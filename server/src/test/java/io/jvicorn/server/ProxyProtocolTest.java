package io.jvicorn.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --proxy-protocol} over real sockets: the header's source is the scope's client when the peer is trusted,
 * other peers are served as they are, and every refusal closes the connection with a WARNING naming the violation.
 */
class ProxyProtocolTest {
    private static final String REQUEST = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

    /** Answers "host port scheme" of the scope's client. */
    private static final Application WHO = (scope, receive, send) -> {
        HttpScope http = (HttpScope) scope;
        String who = http.client() == null ? "-" : http.client().host() + " " + http.client().port();
        byte[] body = (who + " " + http.scheme()).getBytes(StandardCharsets.UTF_8);
        send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(body.length)))));
        send.send(new HttpResponseBody(body));
    };

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Logger error = Logger.getLogger("jvicorn.error");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        error.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        error.removeHandler(capture);
    }

    private static TestServer server(UnaryOperator<ServerConfig.Builder> more) throws Exception {
        return TestServer.start(WHO, b -> more.apply(b.proxyProtocol(true)));
    }

    private static String body(RawClient c) throws Exception {
        RawClient.Response r = c.response();
        assertEquals(200, r.status());
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private void assertClosedWithWarning(RawClient c, String violation) throws Exception {
        assertTrue(c.closedByServer(), "closed");
        await().atMost(Duration.ofSeconds(30)).until(() -> warnings.stream()
                .anyMatch(r -> formatted(r).contains("PROXY protocol " + violation + " (")));
    }

    private static String formatted(LogRecord r) {
        return java.text.MessageFormat.format(r.getMessage(), r.getParameters() == null ? new Object[0]
                : r.getParameters());
    }

    @Test
    void v1FromATrustedPeerNamesTheClientForEveryRequestOfTheConnection() throws Exception {
        try (TestServer s = server(b -> b); RawClient c = s.raw()) {
            c.send("PROXY TCP4 198.51.100.7 192.0.2.10 40000 443\r\n" + REQUEST);
            assertEquals("198.51.100.7 40000 http", body(c));
            c.send(REQUEST);
            assertEquals("198.51.100.7 40000 http", body(c), "the connection stands for the client");
        }
    }

    @Test
    void v2FromATrustedPeerInPieces() throws Exception {
        byte[] header = HexFormat.of().parseHex("0d0a0d0a000d0a515549540a" + "21" + "21" + "0024"
                + "20010db8000000000000000000000007" + "20010db8000000000000000000000001" + "1f40" + "01bb");
        try (TestServer s = server(b -> b); RawClient c = s.raw()) {
            c.send(java.util.Arrays.copyOf(header, 10));
            c.send(java.util.Arrays.copyOfRange(header, 10, header.length));
            c.send(REQUEST);
            assertEquals("2001:db8::7 8000 http", body(c));
        }
    }

    @Test
    void v2SayingTheProxyTerminatedTheClientsTlsMakesTheRequestsHttps() throws Exception {
        // TCP4 198.51.100.7:40000 -> 192.0.2.10:443, PP2_TYPE_SSL: PP2_CLIENT_SSL, verified, version TLSv1.3
        String ssl = "20" + "000f" + "01" + "00000000" + "21" + "0007" + "544c5376312e33";
        byte[] header = HexFormat.of().parseHex("0d0a0d0a000d0a515549540a" + "21" + "11" + "001e"
                + "c6336407" + "c000020a" + "9c40" + "01bb" + ssl);
        try (TestServer s = server(b -> b); RawClient c = s.raw()) {
            c.send(concat(header, REQUEST.getBytes(StandardCharsets.US_ASCII)));
            assertEquals("198.51.100.7 40000 https", body(c));
        }
        // The same TLV with the client bit clear (a proxy that received plain TCP): http.
        byte[] plain = header.clone();
        plain[16 + 12 + 3] = 0;
        try (TestServer s = server(b -> b); RawClient c = s.raw()) {
            c.send(concat(plain, REQUEST.getBytes(StandardCharsets.US_ASCII)));
            assertEquals("198.51.100.7 40000 http", body(c));
        }
    }

    @Test
    void aLocalHeaderKeepsTheSocketsPeer() throws Exception {
        byte[] local = HexFormat.of().parseHex("0d0a0d0a000d0a515549540a" + "20" + "00" + "0000");
        try (TestServer s = server(b -> b); RawClient c = s.raw()) {
            c.send(concat(local, REQUEST.getBytes(StandardCharsets.US_ASCII)));
            assertTrue(body(c).startsWith("127.0.0.1 "));
        }
    }

    @Test
    void aMalformedHeaderClosesWithTheViolationNamed() throws Exception {
        try (TestServer s = server(b -> b); RawClient c = s.raw()) {
            c.send("PROXY TCP4 198.51.100.300 192.0.2.10 40000 443\r\n" + REQUEST);
            assertClosedWithWarning(c, "V1_INVALID_ADDRESS");
        }
    }

    @Test
    void aTrustedPeerWithoutAHeaderIsRefused() throws Exception {
        try (TestServer s = server(b -> b); RawClient c = s.raw()) {
            c.send(REQUEST);
            assertClosedWithWarning(c, "NOT_A_PROXY_HEADER");
        }
    }

    @Test
    void anUntrustedPeerIsServedAsItIsButMayNotNameAClient() throws Exception {
        try (TestServer s = server(b -> b.forwardedAllowIps("192.0.2.1"))) {
            try (RawClient c = s.raw()) {
                c.send("P"); // could start a signature: held back, then handed to HTTP
                c.send("OST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
                assertTrue(body(c).startsWith("127.0.0.1 "));
            }
            try (RawClient c = s.raw()) {
                c.send("PROXY TCP4 198.51.100.7 192.0.2.10 40000 443\r\n" + REQUEST);
                assertClosedWithWarning(c, "UNTRUSTED_PEER");
            }
        }
    }

    @Test
    void aSilentTrustedPeerIsClosedAtTheRequestHeadTimeout() throws Exception {
        try (TestServer s = server(b -> b.timeoutRequestHeader(Duration.ofSeconds(1))); RawClient c = s.raw()) {
            c.send("PROXY TCP4 198.51.100.7");
            c.timeout(60_000);
            assertClosedWithWarning(c, "TIMEOUT");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }
}
