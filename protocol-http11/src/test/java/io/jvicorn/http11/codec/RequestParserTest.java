package io.jvicorn.http11.codec;

import static io.jvicorn.http11.codec.ParserHarness.Body;
import static io.jvicorn.http11.codec.ParserHarness.parseValid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Valid requests: byte-exact vectors, each also fed split at every offset and byte by byte. */
class RequestParserTest {

    private static RequestHead head(List<Object> events, int index) {
        return (RequestHead) events.get(index);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void simpleGet() {
        List<Object> events = parseValid("GET /hello HTTP/1.1\r\nHost: example.com\r\n\r\n");
        assertEquals(2, events.size());
        RequestHead h = head(events, 0);
        assertEquals("GET", h.method());
        assertEquals(HttpVersion.HTTP_1_1, h.version());
        assertEquals(TargetForm.ORIGIN, h.targetForm());
        assertEquals("/hello", text(h.rawPath()));
        assertEquals("", text(h.queryString()));
        assertEquals(List.of(new Header("host", "example.com")), h.headers());
        assertEquals(0, h.contentLength());
        assertFalse(h.chunked());
        assertFalse(h.hasBody());
        assertTrue(h.keepAlive());
        assertFalse(h.expectContinue());
        assertFalse(h.upgradeWebSocket());
        assertFalse(h.isHead());
        assertSame(RequestEnd.NO_TRAILERS, events.get(1));
    }

    @Test
    void headersAreLowercasedTrimmedAndKeptInOrderWithDuplicates() {
        List<Object> events = parseValid("GET /?a=1&b=%20 HTTP/1.1\r\n"
                + "Host: h\r\n"
                + "X-Custom:\t value with  inner  spaces \t\r\n"
                + "Accept: text/html\r\n"
                + "accept: application/json\r\n"
                + "Empty:\r\n"
                + "Latin: caf\u00e9\u00ff\r\n"
                + "\r\n");
        RequestHead h = head(events, 0);
        assertEquals("/", text(h.rawPath()));
        assertEquals("a=1&b=%20", text(h.queryString()));
        assertEquals(List.of(
                new Header("host", "h"),
                new Header("x-custom", "value with  inner  spaces"),
                new Header("accept", "text/html"),
                new Header("accept", "application/json"),
                new Header("empty", ""),
                new Header("latin", "caf\u00e9\u00ff")), h.headers());
    }

    @Test
    void commonHeaderNamesAreInterned() {
        List<Object> events = parseValid("GET / HTTP/1.1\r\nHOST: h\r\nUser-Agent: u\r\nX-Rare-Name: v\r\n\r\n");
        RequestHead h = head(events, 0);
        assertSame("host", h.headers().get(0).name());
        assertSame("user-agent", h.headers().get(1).name());
        assertEquals("x-rare-name", h.headers().get(2).name());
        assertSame("GET", h.method());
    }

    @Test
    void contentLengthBody() {
        List<Object> events = parseValid("POST /submit HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world");
        RequestHead h = head(events, 0);
        assertEquals(11, h.contentLength());
        assertTrue(h.hasBody());
        assertEquals(new Body("hello world"), events.get(1));
        assertSame(RequestEnd.NO_TRAILERS, events.get(2));
        assertEquals(3, events.size());
    }

    @Test
    void zeroContentLengthAndLeadingZeros() {
        List<Object> events = parseValid("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n");
        assertEquals(0, head(events, 0).contentLength());
        assertFalse(head(events, 0).hasBody());
        assertEquals(2, events.size());
        events = parseValid("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 007\r\n\r\n1234567");
        assertEquals(7, head(events, 0).contentLength());
        assertEquals(new Body("1234567"), events.get(1));
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailers() {
        List<Object> events = parseValid("POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "5\r\nhello\r\n"
                + "6;name=value;flag\r\n world\r\n"
                + "A ; q=\"quoted \\\"str\\\" ;x\"\r\n0123456789\r\n"
                + "000\r\n"
                + "Checksum: abc\r\n"
                + "Content-Length: 5\r\n"
                + "X-Trailer: 1\r\n"
                + "\r\n");
        RequestHead h = head(events, 0);
        assertTrue(h.chunked());
        assertEquals(-1, h.contentLength());
        assertTrue(h.hasBody());
        assertEquals(new Body("hello world0123456789"), events.get(1));
        // content-length is a framing field: dropped from the trailers
        assertEquals(new RequestEnd(List.of(new Header("checksum", "abc"), new Header("x-trailer", "1"))),
                events.get(2));
        assertEquals(3, events.size());
    }

    @Test
    void chunkedEmptyBody() {
        List<Object> events = parseValid("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertEquals(2, events.size());
        assertSame(RequestEnd.NO_TRAILERS, events.get(1));
    }

    @Test
    void chunkSizesInHexAnyCase() {
        List<Object> events = parseValid("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a\r\n0123456789\r\nB\r\nabcdefghijk\r\n0\r\n\r\n");
        assertEquals(new Body("0123456789abcdefghijk"), events.get(1));
    }

    @Test
    void leadingEmptyLinesAreSkipped() {
        List<Object> events = parseValid("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals("/", text(head(events, 0).rawPath()));
    }

    @Test
    void absoluteFormTarget() {
        List<Object> events = parseValid("GET HTTP://Example.com:8080/a/b?x=y HTTP/1.1\r\nHost: example.com:8080\r\n\r\n");
        RequestHead h = head(events, 0);
        assertEquals(TargetForm.ABSOLUTE, h.targetForm());
        assertEquals("/a/b", text(h.rawPath()));
        assertEquals("x=y", text(h.queryString()));
        h = head(parseValid("GET https://example.com HTTP/1.1\r\nHost: example.com\r\n\r\n"), 0);
        assertEquals("/", text(h.rawPath()));
        h = head(parseValid("GET http://example.com?q HTTP/1.1\r\nHost: example.com\r\n\r\n"), 0);
        assertEquals("/", text(h.rawPath()));
        assertEquals("q", text(h.queryString()));
    }

    @Test
    void asteriskFormForOptions() {
        RequestHead h = head(parseValid("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"), 0);
        assertEquals(TargetForm.ASTERISK, h.targetForm());
        assertArrayEquals(new byte[] {'*'}, h.rawPath());
        assertSame("OPTIONS", h.method());
    }

    @Test
    void extensionMethodsArePassedThrough() {
        assertEquals("PROPFIND", head(parseValid("PROPFIND / HTTP/1.1\r\nHost: h\r\n\r\n"), 0).method());
        assertEquals("get", head(parseValid("get / HTTP/1.1\r\nHost: h\r\n\r\n"), 0).method());
    }

    @Test
    void headRequest() {
        assertTrue(head(parseValid("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n"), 0).isHead());
    }

    @Test
    void http10KeepAliveRules() {
        RequestHead h = head(parseValid("GET / HTTP/1.0\r\n\r\n"), 0);
        assertEquals(HttpVersion.HTTP_1_0, h.version());
        assertFalse(h.keepAlive());
        assertTrue(head(parseValid("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"), 0).keepAlive());
        assertFalse(head(parseValid("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n"), 0).keepAlive());
    }

    @Test
    void http11ConnectionClose() {
        assertFalse(head(parseValid("GET / HTTP/1.1\r\nHost: h\r\nConnection: foo, CLOSE\r\n\r\n"), 0).keepAlive());
        assertFalse(head(parseValid("GET / HTTP/1.1\r\nHost: h\r\nConnection: a\r\nConnection: close\r\n\r\n"), 0)
                .keepAlive());
        assertTrue(head(parseValid("GET / HTTP/1.1\r\nHost: h\r\nConnection: closed\r\n\r\n"), 0).keepAlive());
    }

    @Test
    void expectContinue() {
        assertTrue(head(parseValid("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx"), 0)
                .expectContinue());
        assertFalse(head(parseValid("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx"), 0)
                .expectContinue());
    }

    @Test
    void webSocketUpgrade() {
        String ws = "GET /chat HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Upgrade\r\nUpgrade: WebSocket\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        assertTrue(head(parseValid(ws), 0).upgradeWebSocket());
        assertFalse(head(parseValid("GET / HTTP/1.1\r\nHost: h\r\nConnection: upgrade\r\nUpgrade: h2c\r\n\r\n"), 0)
                .upgradeWebSocket());
        assertFalse(head(parseValid("GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n"), 0).upgradeWebSocket());
        // An upgrade request with a body is served as plain HTTP.
        assertFalse(head(parseValid("POST / HTTP/1.1\r\nHost: h\r\nConnection: upgrade\r\nUpgrade: websocket\r\n"
                + "Content-Length: 2\r\n\r\nhi"), 0).upgradeWebSocket());
    }

    @Test
    void hostValues() {
        for (String host : new String[] {"", "example.com", "example.com:80", "127.0.0.1:8000", "[::1]", "[::1]:443",
                "xn--bcher-kva.example", "a_b.c~d", "%41.com", "example.com:", "[v1.fe80::a+en1]"}) {
            assertEquals(HttpVersion.HTTP_1_1,
                    head(parseValid("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n"), 0).version(), host);
        }
    }

    @Test
    void pipelinedRequestsInOneBuffer() {
        List<Object> events = parseValid("GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                + "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n"
                + "\r\nGET /d HTTP/1.0\r\n\r\n");
        assertEquals(10, events.size(), events::toString);
        assertEquals("/a", text(head(events, 0).rawPath()));
        assertSame(RequestEnd.NO_TRAILERS, events.get(1));
        assertEquals("/b", text(head(events, 2).rawPath()));
        assertEquals(new Body("abc"), events.get(3));
        assertSame(RequestEnd.NO_TRAILERS, events.get(4));
        assertEquals("/c", text(head(events, 5).rawPath()));
        assertEquals(new Body("xy"), events.get(6));
        assertSame(RequestEnd.NO_TRAILERS, events.get(7));
        assertEquals("/d", text(head(events, 8).rawPath()));
        assertSame(RequestEnd.NO_TRAILERS, events.get(9));
    }

    @Test
    void headExactlyAtTheLimits() {
        ParserLimits limits = new ParserLimits(32, 64, 2, -1, 0);
        String line = "GET /" + "a".repeat(18) + " HTTP/1.1";
        assertEquals(32, line.length());
        String raw = line + "\r\nHost: h\r\nX: " + "b".repeat(14) + "\r\n\r\n";
        assertEquals(64, raw.length());
        List<Object> events = ParserHarness.parseAllWays(limits, raw);
        assertTrue(events.get(0) instanceof RequestHead, events::toString);
    }

    @Test
    void everyAllowedValueByteSurvives() {
        StringBuilder value = new StringBuilder("\t");
        for (char c = 0x20; c < 0x7F; c++) {
            value.append(c);
        }
        for (char c = 0x80; c <= 0xFF; c++) {
            value.append(c);
        }
        value.append('!');
        RequestHead h = head(parseValid("GET / HTTP/1.1\r\nHost: h\r\nX: " + value + "\r\n\r\n"), 0);
        assertEquals(value.substring(2), h.headers().get(1).value()); // the leading HTAB and SP are OWS
    }

    @Test
    void longHeaderNames() {
        String name = "x-" + "n".repeat(200);
        RequestHead h = head(parseValid("GET / HTTP/1.1\r\nHost: h\r\n" + name.toUpperCase() + ": v\r\n\r\n"), 0);
        assertEquals(name, h.headers().get(1).name());
    }
}
