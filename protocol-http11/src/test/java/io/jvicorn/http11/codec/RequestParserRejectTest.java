package io.jvicorn.http11.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One vector per class of malformed request (RFC 9112, the smuggling CVEs of java-anchors §5), each fed whole, split at
 * every offset and byte by byte, and each expected to end in the same ParseError.
 */
class RequestParserRejectTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: h\r\n";
    private static final String CHUNKED = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
    /** Small limits so that over-limit vectors stay short. */
    private static final ParserLimits SMALL = new ParserLimits(32, 64, 3, 10, 8);

    static Stream<Arguments> malformed() {
        return Stream.of(
                // line endings
                arguments("bare LF after request line", "GET / HTTP/1.1\nHost: h\r\n\r\n", 400),
                arguments("bare LF after field", "GET / HTTP/1.1\r\nHost: h\n\r\n", 400),
                arguments("bare LF as final empty line", GET + "\n", 400),
                arguments("bare LF before request line", "\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("bare CR after request line", "GET / HTTP/1.1\rHost: h\r\n\r\n", 400),
                arguments("bare CR in field value", "GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", 400),
                arguments("bare CR before request line", "\rGET / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                // request line
                arguments("leading space", " GET / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("double space", "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("tab separator", "GET\t/ HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("space before version end", "GET / HTTP/1.1 \r\nHost: h\r\n\r\n", 400),
                arguments("non-token method", "G(T / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("question mark in method", "G?T / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("missing version", "GET /\r\nHost: h\r\n\r\n", 400),
                arguments("missing target and version", "GET\r\n\r\n", 400),
                arguments("space in target", "GET /?x=y z HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("lowercase version", "GET / http/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("version with leading zero", "GET / HTTP/01.1\r\nHost: h\r\n\r\n", 400),
                arguments("version without slash", "GET / HTTP1.1\r\nHost: h\r\n\r\n", 400),
                arguments("version without minor", "GET / HTTP/1\r\nHost: h\r\n\r\n", 400),
                arguments("HTTP/2.0", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505),
                arguments("HTTP/1.2", "GET / HTTP/1.2\r\nHost: h\r\n\r\n", 505),
                arguments("HTTP/0.9 with version", "GET / HTTP/0.9\r\nHost: h\r\n\r\n", 505),
                arguments("DEL in target", "GET /a\u007fb HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("non-ASCII in target", "GET /caf\u00e9 HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("fragment in target", "GET /a#b HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("asterisk without OPTIONS", "GET * HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 501),
                arguments("authority form", "GET example.com:80 HTTP/1.1\r\nHost: example.com\r\n\r\n", 501),
                arguments("relative target", "GET foo HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("unsupported scheme", "GET ftp://h/ HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("userinfo in absolute form", "GET http://u@h/ HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("empty authority", "GET http:///p HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("Host not matching absolute form", "GET http://a.com/ HTTP/1.1\r\nHost: b.com\r\n\r\n", 400),
                // field lines
                arguments("obs-fold", GET + "X: a\r\n b\r\n\r\n", 400),
                arguments("obs-fold with tab", GET + "X: a\r\n\tb\r\n\r\n", 400),
                arguments("whitespace first field line", "GET / HTTP/1.1\r\n Host: h\r\n\r\n", 400),
                arguments("space before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400),
                arguments("tab before colon", GET + "Transfer-Encoding\t: chunked\r\n\r\n", 400),
                arguments("no colon", GET + "NoColon\r\n\r\n", 400),
                arguments("empty name", GET + ": v\r\n\r\n", 400),
                arguments("non-ASCII in name", GET + "X-\u00e9: v\r\n\r\n", 400),
                arguments("NUL in name", GET + "X\u0000Y: v\r\n\r\n", 400),
                arguments("control char before name", GET + "\u001cTransfer-Encoding: chunked\r\n\r\n", 400),
                arguments("separator in name", GET + "X(Y): v\r\n\r\n", 400),
                arguments("NUL in value", GET + "X: a\u0000b\r\n\r\n", 400),
                arguments("CTL in value", GET + "X: a\u0001b\r\n\r\n", 400),
                arguments("VT in value", GET + "X: a\u000bb\r\n\r\n", 400),
                arguments("DEL in value", GET + "X: a\u007fb\r\n\r\n", 400),
                // Host
                arguments("missing Host", "GET / HTTP/1.1\r\nX: y\r\n\r\n", 400),
                arguments("duplicate Host", GET + "Host: h\r\n\r\n", 400),
                arguments("duplicate Host on 1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                arguments("userinfo in Host", "GET / HTTP/1.1\r\nHost: user@h\r\n\r\n", 400),
                arguments("path in Host", "GET / HTTP/1.1\r\nHost: h/p\r\n\r\n", 400),
                arguments("space in Host", "GET / HTTP/1.1\r\nHost: h x\r\n\r\n", 400),
                arguments("symbol in Host port", "GET / HTTP/1.1\r\nHost: h:2$\r\n\r\n", 400),
                arguments("letters in Host port", "GET / HTTP/1.1\r\nHost: h:http\r\n\r\n", 400),
                arguments("Host port too large", "GET / HTTP/1.1\r\nHost: h:65536\r\n\r\n", 400),
                arguments("Host without host", "GET / HTTP/1.1\r\nHost: :80\r\n\r\n", 400),
                arguments("Host with two ports", "GET / HTTP/1.1\r\nHost: h:80:80\r\n\r\n", 400),
                arguments("Host with open bracket", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", 400),
                arguments("Host with bad percent", "GET / HTTP/1.1\r\nHost: a%2\r\n\r\n", 400),
                // Content-Length
                arguments("Content-Length with plus", GET + "Content-Length: +5\r\n\r\nhello", 400),
                arguments("Content-Length negative", GET + "Content-Length: -1\r\n\r\n", 400),
                arguments("Content-Length hex", GET + "Content-Length: 0x5\r\n\r\nhello", 400),
                arguments("Content-Length inner space", GET + "Content-Length: 1 2\r\n\r\n", 400),
                arguments("Content-Length list", GET + "Content-Length: 5, 5\r\n\r\nhello", 400),
                arguments("Content-Length underscore", GET + "Content-Length: 1_0\r\n\r\n", 400),
                arguments("Content-Length empty", GET + "Content-Length:\r\n\r\n", 400),
                arguments("Content-Length 19 digits", GET + "Content-Length: 1000000000000000000\r\n\r\n", 400),
                arguments("duplicate Content-Length", GET + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 400),
                arguments("Content-Length and Transfer-Encoding",
                        GET + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                arguments("Transfer-Encoding and Content-Length",
                        GET + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", 400),
                // Transfer-Encoding
                arguments("gzip then chunked", GET + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501),
                arguments("unknown coding alone", GET + "Transfer-Encoding: identity\r\n\r\n", 501),
                arguments("coding with parameter", GET + "Transfer-Encoding: gzip;q=1, chunked\r\n\r\n", 501),
                arguments("chunked not last", GET + "Transfer-Encoding: chunked, gzip\r\n\r\n", 400),
                arguments("chunked twice", GET + "Transfer-Encoding: chunked, chunked\r\n\r\n", 400),
                arguments("chunked in two fields",
                        GET + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
                arguments("chunked then gzip field", GET + "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n",
                        400),
                arguments("trailing comma", GET + "Transfer-Encoding: chunked,\r\n\r\n", 400),
                arguments("leading comma", GET + "Transfer-Encoding: , chunked\r\n\r\n", 400),
                arguments("empty Transfer-Encoding", GET + "Transfer-Encoding:\r\n\r\n", 400),
                arguments("chunked with parameter", GET + "Transfer-Encoding: chunked;x=1\r\n\r\n", 400),
                arguments("garbage coding", GET + "Transfer-Encoding: chu\"nked\r\n\r\n", 400),
                arguments("Transfer-Encoding on HTTP/1.0",
                        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                // chunked body
                arguments("chunk size 0x", CHUNKED + "0x5\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk size plus", CHUNKED + "+5\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk size minus", CHUNKED + "-5\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk size leading space", CHUNKED + " 5\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk size trailing space", CHUNKED + "5 \r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk size missing", CHUNKED + "\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk size overflow", CHUNKED + "1000000000000000\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk size bare LF", CHUNKED + "5\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk size bare CR", CHUNKED + "5\rhello\r\n0\r\n\r\n", 400),
                arguments("chunk ext with LF", CHUNKED + "5;a\nb\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk ext with CR", CHUNKED + "5;a\rb\r\nhello\r\n0\r\n\r\n", 400),
                arguments("bare semicolon", CHUNKED + "5;\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk ext without name", CHUNKED + "5;=v\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk ext without value", CHUNKED + "5;a=\r\nhello\r\n0\r\n\r\n", 400),
                arguments("chunk ext trailing space", CHUNKED + "5;a \r\nhello\r\n0\r\n\r\n", 400),
                arguments("unclosed quote (CVE-2026-2332)",
                        CHUNKED + "1;ext=\"val\r\nX\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("LF in quoted ext", CHUNKED + "5;a=\"x\ny\"\r\nhello\r\n0\r\n\r\n", 400),
                arguments("two bytes instead of CRLF (CVE-2025-43859)", CHUNKED + "5\r\nhelloXX0\r\n\r\n", 400),
                arguments("LF instead of CRLF after data", CHUNKED + "5\r\nhello\n0\r\n\r\n", 400),
                arguments("CR without LF after data", CHUNKED + "5\r\nhello\rX0\r\n\r\n", 400),
                arguments("data longer than chunk size", CHUNKED + "3\r\nhello\r\n0\r\n\r\n", 400),
                arguments("malformed trailer", CHUNKED + "0\r\nBad Trailer: x\r\n\r\n", 400),
                arguments("obs-fold in trailers", CHUNKED + "0\r\nA: b\r\n c\r\n\r\n", 400),
                arguments("bare LF in trailers", CHUNKED + "0\r\nA: b\n\r\n", 400),
                arguments("bare LF ending trailers", CHUNKED + "0\r\n\n", 400));
    }

    static Stream<Arguments> overLimits() {
        return Stream.of(
                arguments("request line too long", "GET /" + "a".repeat(40) + " HTTP/1.1\r\nHost: h\r\n\r\n", 414),
                arguments("request line too long, incomplete", "GET /" + "a".repeat(40), 414),
                arguments("too many empty lines", "\r\n".repeat(17) + "GET / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                arguments("head too large", "GET / HTTP/1.1\r\nHost: h\r\nX: " + "b".repeat(60) + "\r\n\r\n", 431),
                arguments("head too large, incomplete", "GET / HTTP/1.1\r\nHost: h\r\nX: " + "b".repeat(60), 431),
                arguments("too many fields", "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", 431),
                arguments("Content-Length over max body", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", 413),
                arguments("chunked body over max body",
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\nworld!\r\n0\r\n\r\n",
                        413),
                arguments("chunk extension too long",
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;abcdefghij\r\nhello\r\n0\r\n\r\n",
                        400),
                arguments("trailers over the head budget",
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 123456\r\n\r\n", 431));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformed(String name, String raw, int status) {
        ParserHarness.parseError(raw, status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overLimits")
    void rejectsOverLimits(String name, String raw, int status) {
        ParserHarness.parseError(SMALL, raw, status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withinLimits")
    void acceptsWithinLimits(String name, String raw) {
        Object last = ParserHarness.parseAllWays(SMALL, raw).getLast();
        assertEquals(RequestEnd.class, last.getClass(), name);
    }

    static Stream<Arguments> withinLimits() {
        return Stream.of(
                arguments("16 empty lines", "\r\n".repeat(16) + "GET / HTTP/1.1\r\nHost: h\r\n\r\n"),
                arguments("three fields", "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n"),
                arguments("body of max size", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789"),
                arguments("chunked body of max size",
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n"),
                arguments("chunk extension of max size",
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;abcdefg\r\nhello\r\n0\r\n\r\n"),
                arguments("trailers within the head budget",
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 1\r\n\r\n"));
    }

    @ParameterizedTest(name = "control byte {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0x00, 0x01, 0x08, 0x0b, 0x0c, 0x0e, 0x1f, 0x7f})
    void rejectsControlBytesAtEveryPositionOfAValue(int control) {
        String value = "abcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i <= value.length(); i++) {
            String bad = value.substring(0, i) + (char) control + value.substring(i);
            RequestParser parser = new RequestParser(ParserLimits.DEFAULTS);
            ParseEvent e = parser.next(java.nio.ByteBuffer.wrap(
                    ParserHarness.bytes("GET / HTTP/1.1\r\nHost: h\r\nX-Value: " + bad + "\r\n\r\n")));
            assertEquals(new ParseError(400, "control character in request head"), e, "at " + i);
        }
    }
}
