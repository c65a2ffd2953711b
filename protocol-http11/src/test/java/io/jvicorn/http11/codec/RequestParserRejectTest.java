package io.jvicorn.http11.codec;

import static io.jvicorn.http11.codec.Violation.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One vector per class of malformed request (RFC 9112, the smuggling CVEs of java-anchors §5), each fed whole, split at
 * every offset and byte by byte, and each expected to end in the same ParseError, naming the rule the vector is about:
 * a vector rejected by another rule (even with the same status) fails.
 */
class RequestParserRejectTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: h\r\n";
    private static final String CHUNKED = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
    /** Small limits so that over-limit vectors stay short. */
    private static final ParserLimits SMALL = new ParserLimits(32, 64, 3, 10, 8);

    static Stream<Arguments> malformed() {
        return Stream.of(
                // line endings
                arguments("bare LF after request line", "GET / HTTP/1.1\nHost: h\r\n\r\n", BARE_LF_IN_HEAD),
                arguments("bare LF after field", "GET / HTTP/1.1\r\nHost: h\n\r\n", BARE_LF_IN_HEAD),
                arguments("bare LF as final empty line", GET + "\n", BARE_LF_IN_HEAD),
                arguments("bare LF before request line", "\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", BARE_LF_IN_HEAD),
                arguments("bare CR after request line", "GET / HTTP/1.1\rHost: h\r\n\r\n", BARE_CR_IN_HEAD),
                arguments("bare CR in field value", "GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", BARE_CR_IN_HEAD),
                arguments("bare CR before request line", "\rGET / HTTP/1.1\r\nHost: h\r\n\r\n", BARE_CR_IN_HEAD),
                arguments("bare CR in trailers", CHUNKED + "0\r\nA: b\rC: d\r\n\r\n", BARE_CR_IN_TRAILERS),
                arguments("control character in trailers", CHUNKED + "0\r\nA: b\u0001\r\n\r\n",
                        CONTROL_CHARACTER_IN_TRAILERS),
                // request line
                arguments("leading space", " GET / HTTP/1.1\r\nHost: h\r\n\r\n", INVALID_METHOD),
                arguments("double space", "GET  / HTTP/1.1\r\nHost: h\r\n\r\n", EMPTY_TARGET),
                arguments("tab separator", "GET\t/ HTTP/1.1\r\nHost: h\r\n\r\n", INVALID_METHOD),
                arguments("space before version end", "GET / HTTP/1.1 \r\nHost: h\r\n\r\n", INVALID_VERSION),
                arguments("non-token method", "G(T / HTTP/1.1\r\nHost: h\r\n\r\n", INVALID_METHOD),
                arguments("question mark in method", "G?T / HTTP/1.1\r\nHost: h\r\n\r\n", INVALID_METHOD),
                arguments("missing version", "GET /\r\nHost: h\r\n\r\n", MISSING_VERSION),
                arguments("missing target and version", "GET\r\n\r\n", INVALID_METHOD),
                arguments("space in target", "GET /?x=y z HTTP/1.1\r\nHost: h\r\n\r\n", INVALID_VERSION),
                arguments("lowercase version", "GET / http/1.1\r\nHost: h\r\n\r\n", INVALID_VERSION),
                arguments("version with leading zero", "GET / HTTP/01.1\r\nHost: h\r\n\r\n", VERSION_NOT_SUPPORTED),
                arguments("version without slash", "GET / HTTP1.1\r\nHost: h\r\n\r\n", INVALID_VERSION),
                arguments("version without minor", "GET / HTTP/1\r\nHost: h\r\n\r\n", INVALID_VERSION),
                arguments("HTTP/2.0", "GET / HTTP/2.0\r\nHost: h\r\n\r\n", VERSION_NOT_SUPPORTED),
                arguments("HTTP/1.2", "GET / HTTP/1.2\r\nHost: h\r\n\r\n", VERSION_NOT_SUPPORTED),
                arguments("HTTP/0.9 with version", "GET / HTTP/0.9\r\nHost: h\r\n\r\n", VERSION_NOT_SUPPORTED),
                arguments("DEL in target", "GET /a\u007fb HTTP/1.1\r\nHost: h\r\n\r\n", CONTROL_CHARACTER_IN_HEAD),
                arguments("non-ASCII in target", "GET /caf\u00e9 HTTP/1.1\r\nHost: h\r\n\r\n",
                        INVALID_TARGET_CHARACTER),
                arguments("fragment in target", "GET /a#b HTTP/1.1\r\nHost: h\r\n\r\n", FRAGMENT_IN_TARGET),
                arguments("asterisk without OPTIONS", "GET * HTTP/1.1\r\nHost: h\r\n\r\n",
                        ASTERISK_FORM_WITHOUT_OPTIONS),
                arguments("CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
                        CONNECT_NOT_SUPPORTED),
                arguments("authority form", "GET example.com:80 HTTP/1.1\r\nHost: example.com\r\n\r\n",
                        AUTHORITY_FORM_NOT_SUPPORTED),
                arguments("relative target", "GET foo HTTP/1.1\r\nHost: h\r\n\r\n", INVALID_TARGET),
                arguments("unsupported scheme", "GET ftp://h/ HTTP/1.1\r\nHost: h\r\n\r\n", UNSUPPORTED_SCHEME),
                arguments("userinfo in absolute form", "GET http://u@h/ HTTP/1.1\r\nHost: h\r\n\r\n",
                        INVALID_TARGET_AUTHORITY),
                arguments("empty authority", "GET http:///p HTTP/1.1\r\nHost: h\r\n\r\n", INVALID_TARGET_AUTHORITY),
                arguments("Host not matching absolute form", "GET http://a.com/ HTTP/1.1\r\nHost: b.com\r\n\r\n",
                        HOST_MISMATCH),
                // field lines
                arguments("obs-fold", GET + "X: a\r\n b\r\n\r\n", OBS_FOLD),
                arguments("obs-fold with tab", GET + "X: a\r\n\tb\r\n\r\n", OBS_FOLD),
                arguments("whitespace first field line", "GET / HTTP/1.1\r\n Host: h\r\n\r\n", OBS_FOLD),
                arguments("space before colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n", WHITESPACE_BEFORE_COLON),
                arguments("tab before colon", GET + "Transfer-Encoding\t: chunked\r\n\r\n", WHITESPACE_BEFORE_COLON),
                arguments("no colon", GET + "NoColon\r\n\r\n", MISSING_COLON),
                arguments("empty name", GET + ": v\r\n\r\n", EMPTY_FIELD_NAME),
                arguments("non-ASCII in name", GET + "X-\u00e9: v\r\n\r\n", INVALID_FIELD_NAME),
                arguments("NUL in name", GET + "X\u0000Y: v\r\n\r\n", CONTROL_CHARACTER_IN_HEAD),
                arguments("control char before name", GET + "\u001cTransfer-Encoding: chunked\r\n\r\n",
                        CONTROL_CHARACTER_IN_HEAD),
                arguments("separator in name", GET + "X(Y): v\r\n\r\n", INVALID_FIELD_NAME),
                arguments("NUL in value", GET + "X: a\u0000b\r\n\r\n", CONTROL_CHARACTER_IN_HEAD),
                arguments("CTL in value", GET + "X: a\u0001b\r\n\r\n", CONTROL_CHARACTER_IN_HEAD),
                arguments("VT in value", GET + "X: a\u000bb\r\n\r\n", CONTROL_CHARACTER_IN_HEAD),
                arguments("DEL in value", GET + "X: a\u007fb\r\n\r\n", CONTROL_CHARACTER_IN_HEAD),
                // Host
                arguments("missing Host", "GET / HTTP/1.1\r\nX: y\r\n\r\n", MISSING_HOST),
                arguments("duplicate Host", GET + "Host: h\r\n\r\n", DUPLICATE_HOST),
                arguments("duplicate Host on 1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", DUPLICATE_HOST),
                arguments("userinfo in Host", "GET / HTTP/1.1\r\nHost: user@h\r\n\r\n", INVALID_HOST),
                arguments("path in Host", "GET / HTTP/1.1\r\nHost: h/p\r\n\r\n", INVALID_HOST),
                arguments("space in Host", "GET / HTTP/1.1\r\nHost: h x\r\n\r\n", INVALID_HOST),
                arguments("symbol in Host port", "GET / HTTP/1.1\r\nHost: h:2$\r\n\r\n", INVALID_HOST),
                arguments("letters in Host port", "GET / HTTP/1.1\r\nHost: h:http\r\n\r\n", INVALID_HOST),
                arguments("Host port too large", "GET / HTTP/1.1\r\nHost: h:65536\r\n\r\n", INVALID_HOST),
                arguments("Host without host", "GET / HTTP/1.1\r\nHost: :80\r\n\r\n", INVALID_HOST),
                arguments("Host with two ports", "GET / HTTP/1.1\r\nHost: h:80:80\r\n\r\n", INVALID_HOST),
                arguments("Host with open bracket", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", INVALID_HOST),
                arguments("Host with bad percent", "GET / HTTP/1.1\r\nHost: a%2\r\n\r\n", INVALID_HOST),
                // Content-Length
                arguments("Content-Length with plus", GET + "Content-Length: +5\r\n\r\nhello", INVALID_CONTENT_LENGTH),
                arguments("Content-Length negative", GET + "Content-Length: -1\r\n\r\n", INVALID_CONTENT_LENGTH),
                arguments("Content-Length hex", GET + "Content-Length: 0x5\r\n\r\nhello", INVALID_CONTENT_LENGTH),
                arguments("Content-Length inner space", GET + "Content-Length: 1 2\r\n\r\n", INVALID_CONTENT_LENGTH),
                arguments("Content-Length list", GET + "Content-Length: 5, 5\r\n\r\nhello", INVALID_CONTENT_LENGTH),
                arguments("Content-Length underscore", GET + "Content-Length: 1_0\r\n\r\n", INVALID_CONTENT_LENGTH),
                arguments("Content-Length empty", GET + "Content-Length:\r\n\r\n", EMPTY_CONTENT_LENGTH),
                arguments("Content-Length 19 digits", GET + "Content-Length: 0000000000000000005\r\n\r\nhello",
                        CONTENT_LENGTH_TOO_MANY_DIGITS),
                arguments("duplicate Content-Length", GET + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
                        DUPLICATE_CONTENT_LENGTH),
                arguments("Content-Length and Transfer-Encoding",
                        GET + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        CONTENT_LENGTH_WITH_TRANSFER_ENCODING),
                arguments("Transfer-Encoding and Content-Length",
                        GET + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
                        CONTENT_LENGTH_WITH_TRANSFER_ENCODING),
                // Transfer-Encoding
                arguments("gzip then chunked", GET + "Transfer-Encoding: gzip, chunked\r\n\r\n",
                        UNSUPPORTED_TRANSFER_CODING),
                arguments("unknown coding alone", GET + "Transfer-Encoding: identity\r\n\r\n",
                        UNSUPPORTED_TRANSFER_CODING),
                arguments("coding with parameter", GET + "Transfer-Encoding: gzip;q=1, chunked\r\n\r\n",
                        UNSUPPORTED_TRANSFER_CODING),
                arguments("chunked not last", GET + "Transfer-Encoding: chunked, gzip\r\n\r\n", CHUNKED_NOT_LAST),
                arguments("chunked twice", GET + "Transfer-Encoding: chunked, chunked\r\n\r\n", CHUNKED_TWICE),
                arguments("chunked in two fields",
                        GET + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", CHUNKED_TWICE),
                arguments("chunked then gzip field", GET + "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n",
                        CHUNKED_NOT_LAST),
                arguments("trailing comma", GET + "Transfer-Encoding: chunked,\r\n\r\n", EMPTY_TRANSFER_CODING),
                arguments("leading comma", GET + "Transfer-Encoding: , chunked\r\n\r\n", EMPTY_TRANSFER_CODING),
                arguments("empty Transfer-Encoding", GET + "Transfer-Encoding:\r\n\r\n", EMPTY_TRANSFER_CODING),
                arguments("chunked with parameter", GET + "Transfer-Encoding: chunked;x=1\r\n\r\n",
                        INVALID_TRANSFER_CODING),
                arguments("garbage coding", GET + "Transfer-Encoding: chu\"nked\r\n\r\n", INVALID_TRANSFER_CODING),
                arguments("Transfer-Encoding on HTTP/1.0",
                        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        TRANSFER_ENCODING_IN_HTTP_1_0),
                // chunked body
                arguments("chunk size 0x", CHUNKED + "0x5\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE),
                arguments("chunk size plus", CHUNKED + "+5\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE),
                arguments("chunk size minus", CHUNKED + "-5\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE),
                arguments("chunk size leading space", CHUNKED + " 5\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE),
                arguments("chunk size trailing space", CHUNKED + "5 \r\nhello\r\n0\r\n\r\n",
                        WHITESPACE_AFTER_CHUNK_SIZE),
                arguments("chunk size missing", CHUNKED + "\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE),
                arguments("chunk size of 23 digits (issue 15)",
                        CHUNKED + "00000000000000000000005\r\nhello\r\n0\r\n\r\n",
                        CHUNK_SIZE_TOO_MANY_DIGITS),
                arguments("control character escaped in quoted ext", CHUNKED + "5;a=\"\\\u0001\"\r\nhello\r\n0\r\n\r\n",
                        INVALID_CHUNK_EXTENSION_ESCAPE),
                arguments("chunk size overflow", CHUNKED + "1000000000000000\r\nhello\r\n0\r\n\r\n",
                        CHUNK_SIZE_TOO_LARGE),
                arguments("chunk size bare LF", CHUNKED + "5\nhello\r\n0\r\n\r\n", BARE_LF_IN_CHUNK_LINE),
                arguments("chunk size bare CR", CHUNKED + "5\rhello\r\n0\r\n\r\n", BARE_CR_IN_CHUNK_LINE),
                arguments("chunk ext with LF", CHUNKED + "5;a\nb\r\nhello\r\n0\r\n\r\n", BARE_LF_IN_CHUNK_LINE),
                arguments("chunk ext with CR", CHUNKED + "5;a\rb\r\nhello\r\n0\r\n\r\n", BARE_CR_IN_CHUNK_LINE),
                arguments("bare semicolon", CHUNKED + "5;\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_EXTENSION),
                arguments("chunk ext without name", CHUNKED + "5;=v\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_EXTENSION),
                arguments("chunk ext without value", CHUNKED + "5;a=\r\nhello\r\n0\r\n\r\n",
                        INVALID_CHUNK_EXTENSION_VALUE),
                arguments("chunk ext trailing space", CHUNKED + "5;a \r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_EXTENSION),
                arguments("unclosed quote (CVE-2026-2332)",
                        CHUNKED + "1;ext=\"val\r\nX\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n",
                        INVALID_CHUNK_EXTENSION_QUOTED),
                arguments("LF in quoted ext", CHUNKED + "5;a=\"x\ny\"\r\nhello\r\n0\r\n\r\n", BARE_LF_IN_CHUNK_LINE),
                arguments("two bytes instead of CRLF (CVE-2025-43859)", CHUNKED + "5\r\nhelloXX0\r\n\r\n",
                        CHUNK_DATA_WITHOUT_CRLF),
                arguments("LF instead of CRLF after data", CHUNKED + "5\r\nhello\n0\r\n\r\n", CHUNK_DATA_WITHOUT_CRLF),
                arguments("CR without LF after data", CHUNKED + "5\r\nhello\rX0\r\n\r\n", CHUNK_DATA_WITHOUT_CRLF),
                arguments("data longer than chunk size", CHUNKED + "3\r\nhello\r\n0\r\n\r\n", CHUNK_DATA_WITHOUT_CRLF),
                arguments("malformed trailer", CHUNKED + "0\r\nBad Trailer: x\r\n\r\n", WHITESPACE_BEFORE_COLON),
                arguments("obs-fold in trailers", CHUNKED + "0\r\nA: b\r\n c\r\n\r\n", OBS_FOLD),
                arguments("bare LF in trailers", CHUNKED + "0\r\nA: b\n\r\n", BARE_LF_IN_TRAILERS),
                arguments("bare LF ending trailers", CHUNKED + "0\r\n\n", BARE_LF_IN_TRAILERS));
    }

    static Stream<Arguments> overLimits() {
        return Stream.of(
                arguments("request line too long", "GET /" + "a".repeat(40) + " HTTP/1.1\r\nHost: h\r\n\r\n",
                        REQUEST_LINE_TOO_LONG),
                arguments("request line too long, incomplete", "GET /" + "a".repeat(40), REQUEST_LINE_TOO_LONG),
                arguments("too many empty lines", "\r\n".repeat(17) + "GET / HTTP/1.1\r\nHost: h\r\n\r\n",
                        TOO_MANY_EMPTY_LINES),
                arguments("head too large", "GET / HTTP/1.1\r\nHost: h\r\nX: " + "b".repeat(60) + "\r\n\r\n",
                        HEADER_SECTION_TOO_LARGE),
                arguments("head too large, incomplete", "GET / HTTP/1.1\r\nHost: h\r\nX: " + "b".repeat(60),
                        HEADER_SECTION_TOO_LARGE),
                arguments("too many fields", "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n",
                        TOO_MANY_FIELDS),
                arguments("Content-Length over max body", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n",
                        BODY_TOO_LARGE),
                arguments("chunked body over max body",
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\nworld!\r\n0\r\n\r\n",
                        BODY_TOO_LARGE),
                arguments("chunk extension too long",
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;abcdefghij\r\nhello\r\n0\r\n\r\n",
                        CHUNK_EXTENSION_TOO_LONG),
                arguments("trailers over the head budget",
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 123456\r\n\r\n",
                        TRAILER_SECTION_TOO_LARGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformed(String name, String raw, Violation violation) {
        ParserHarness.parseError(raw, violation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overLimits")
    void rejectsOverLimits(String name, String raw, Violation violation) {
        ParserHarness.parseError(SMALL, raw, violation);
    }

    /**
     * Every rule the parser can reach has a vector here. Not here: the end of input and the header timeout (reported
     * outside {@code next}: RequestParserStateTest, the connection handler) and {@code INVALID_TRANSFER_ENCODING}, a
     * guard that the coding checks before it leave unreachable.
     */
    @Test
    void everyViolationHasAVector() {
        // Timeouts are the connection handler's (HttpConnectionHandlerTest); INVALID_TRANSFER_ENCODING is unreachable.
        Set<Violation> covered = EnumSet.of(INCOMPLETE_REQUEST, REQUEST_HEADER_TIMEOUT, REQUEST_BODY_TIMEOUT,
                INVALID_TRANSFER_ENCODING);
        Stream.concat(malformed(), overLimits()).forEach(a -> covered.add((Violation) a.get()[2]));
        assertEquals(EnumSet.allOf(Violation.class), covered);
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
                arguments("chunk size of 16 digits, leading zeros included",
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0000000000000005\r\nhello\r\n0\r\n\r\n"),
                arguments("Content-Length of 18 digits, leading zeros included",
                        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 000000000000000005\r\n\r\nhello"),
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
            assertEquals(new ParseError(CONTROL_CHARACTER_IN_HEAD), e, "at " + i);
        }
    }
}
