package io.jvicorn.http11.codec;

import static io.jvicorn.http11.codec.Violation.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Early rejection (issue 15): a malformed request is answered at the first byte no valid request could contain, not
 * when its head or trailer section completes (or the header timeout fires). Each vector is a good prefix, then the
 * first impossible byte, then a plausible rest; fed one byte at a time, the parser must say nothing until that byte
 * and return the vector's ParseError on it.
 */
class RequestParserEarlyRejectTest {
    private static final String HEAD = "GET / HTTP/1.1\r\nHost: h\r\n";
    private static final String CHUNKED = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
    private static final String REST = "\r\nHost: h\r\n\r\n";

    /** Name, good prefix, first impossible byte followed by the rest, violation. */
    static Stream<Arguments> atTheByte() {
        return Stream.of(
                // request line: version
                arguments("non-digit minor version (issue 15)", "GET /x HTTP/1.", "\u00ce" + REST, INVALID_VERSION),
                arguments("lowercase version", "GET / ", "http/1.1" + REST, INVALID_VERSION),
                arguments("version without slash", "GET / HTTP", "1.1" + REST, INVALID_VERSION),
                arguments("major version 2", "GET / HTTP/", "2.0" + REST, VERSION_NOT_SUPPORTED),
                arguments("major version 0", "GET / HTTP/", "0.9" + REST, VERSION_NOT_SUPPORTED),
                arguments("minor version 2", "GET / HTTP/1.", "2" + REST, VERSION_NOT_SUPPORTED),
                arguments("byte after the version", "GET / HTTP/1.1", " " + REST, INVALID_VERSION),
                arguments("version cut short", "GET / HTTP/1", "\r\nHost: h\r\n\r\n", INVALID_VERSION),
                // request line: method and target
                arguments("leading space", "", " GET / HTTP/1.1" + REST, INVALID_METHOD),
                arguments("separator in method", "G", "(T / HTTP/1.1" + REST, INVALID_METHOD),
                arguments("tab after method", "GET", "\t/ HTTP/1.1" + REST, INVALID_METHOD),
                arguments("method alone", "GET", REST, INVALID_METHOD),
                arguments("CONNECT", "CONNECT", " h:443 HTTP/1.1" + REST, CONNECT_NOT_SUPPORTED),
                arguments("two spaces", "GET ", " / HTTP/1.1" + REST, EMPTY_TARGET),
                arguments("non-ASCII in target", "GET /caf", "\u00e9 HTTP/1.1" + REST, INVALID_TARGET_CHARACTER),
                arguments("fragment", "GET /a", "#b HTTP/1.1" + REST, FRAGMENT_IN_TARGET),
                arguments("DEL in target", "GET /a", "\u007f HTTP/1.1" + REST, CONTROL_CHARACTER_IN_HEAD),
                arguments("relative target", "GET foo", " HTTP/1.1" + REST, INVALID_TARGET),
                arguments("asterisk with GET", "GET *", " HTTP/1.1" + REST, ASTERISK_FORM_WITHOUT_OPTIONS),
                arguments("ftp scheme", "GET ftp://h/", " HTTP/1.1" + REST, UNSUPPORTED_SCHEME),
                arguments("line ends after target", "GET /", REST, MISSING_VERSION),
                arguments("bare CR after request line", "GET / HTTP/1.1\r", "Host: h\r\n\r\n", BARE_CR_IN_HEAD),
                arguments("bare LF after request line", "GET / HTTP/1.1", "\nHost: h\r\n\r\n", BARE_LF_IN_HEAD),
                // field lines
                arguments("obs-fold", HEAD + "X: a\r\n", " b\r\n\r\n", OBS_FOLD),
                arguments("obs-fold with tab", HEAD + "X: a\r\n", "\tb\r\n\r\n", OBS_FOLD),
                arguments("space before colon", HEAD + "Transfer-Encoding", " : chunked\r\n\r\n",
                        WHITESPACE_BEFORE_COLON),
                arguments("separator in name", HEAD + "X", "(Y): v\r\n\r\n", INVALID_FIELD_NAME),
                arguments("non-ASCII in name", HEAD + "X-", "\u00e9: v\r\n\r\n", INVALID_FIELD_NAME),
                arguments("NUL in name", HEAD + "X", "\u0000Y: v\r\n\r\n", CONTROL_CHARACTER_IN_HEAD),
                arguments("empty name", HEAD, ": v\r\n\r\n", EMPTY_FIELD_NAME),
                arguments("no colon", HEAD + "NoColon", "\r\n\r\n", MISSING_COLON),
                arguments("NUL in value", HEAD + "X: a", "\u0000b\r\n\r\n", CONTROL_CHARACTER_IN_HEAD),
                arguments("CTL in value", HEAD + "X: a", "\u0001b\r\n\r\n", CONTROL_CHARACTER_IN_HEAD),
                arguments("DEL in value", HEAD + "X: a", "\u007fb\r\n\r\n", CONTROL_CHARACTER_IN_HEAD),
                arguments("bare CR in value", HEAD + "X: a\r", "b\r\n\r\n", BARE_CR_IN_HEAD),
                arguments("bare LF after field", HEAD + "X: a", "\n\r\n", BARE_LF_IN_HEAD),
                arguments("bare CR as the empty line", HEAD + "\r", "X\r\n", BARE_CR_IN_HEAD),
                // chunk-size line
                arguments("chunk size not hex", CHUNKED, "x\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE),
                arguments("0x prefix", CHUNKED + "0", "x5\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE),
                arguments("stray byte after size", CHUNKED + "5", "g\r\nhello\r\n0\r\n\r\n", INVALID_CHUNK_SIZE),
                arguments("17th size digit", CHUNKED + "0".repeat(16), "5\r\nhello\r\n0\r\n\r\n",
                        CHUNK_SIZE_TOO_MANY_DIGITS),
                arguments("size of 2^60", CHUNKED + "100000000000000", "0\r\nhello\r\n0\r\n\r\n",
                        CHUNK_SIZE_TOO_LARGE),
                arguments("bare LF after size", CHUNKED + "5", "\nhello\r\n0\r\n\r\n", BARE_LF_IN_CHUNK_LINE),
                arguments("bare CR after size", CHUNKED + "5\r", "hello\r\n0\r\n\r\n", BARE_CR_IN_CHUNK_LINE),
                arguments("extension without name", CHUNKED + "5;", "=v\r\nhello\r\n0\r\n\r\n",
                        INVALID_CHUNK_EXTENSION),
                arguments("control in extension value", CHUNKED + "5;a=", "\u0001\r\nhello\r\n0\r\n\r\n",
                        INVALID_CHUNK_EXTENSION_VALUE),
                arguments("control in quoted extension", CHUNKED + "5;a=\"x", "\u0001\"\r\nhello\r\n0\r\n\r\n",
                        INVALID_CHUNK_EXTENSION_QUOTED),
                arguments("LF in extension", CHUNKED + "5;a", "\nb\r\nhello\r\n0\r\n\r\n", BARE_LF_IN_CHUNK_LINE),
                arguments("data without CRLF", CHUNKED + "5\r\nhello", "X\r\n0\r\n\r\n", CHUNK_DATA_WITHOUT_CRLF),
                // trailers
                arguments("space in trailer name", CHUNKED + "0\r\nBad", " Trailer: x\r\n\r\n",
                        WHITESPACE_BEFORE_COLON),
                arguments("separator in trailer name", CHUNKED + "0\r\nA", "(: x\r\n\r\n", INVALID_FIELD_NAME),
                arguments("obs-fold in trailers", CHUNKED + "0\r\nA: b\r\n", " c\r\n\r\n", OBS_FOLD),
                arguments("trailer without colon", CHUNKED + "0\r\nA", "\r\n\r\n", MISSING_COLON),
                arguments("CTL in trailer value", CHUNKED + "0\r\nA: b", "\u0001\r\n\r\n",
                        CONTROL_CHARACTER_IN_TRAILERS),
                arguments("bare CR in trailers", CHUNKED + "0\r\nA: b\r", "C: d\r\n\r\n", BARE_CR_IN_TRAILERS),
                arguments("bare LF in trailers", CHUNKED + "0\r\nA: b", "\n\r\n", BARE_LF_IN_TRAILERS));
    }

    /**
     * Rules about a whole field value (Host, Content-Length, Transfer-Encoding) are judged at the CR ending the field's
     * line, not when the head completes: the prefix ends with the value, the CR is the byte.
     */
    static Stream<Arguments> atTheEndOfTheLine() {
        return Stream.of(
                arguments("Content-Length not a number", HEAD + "Content-Length: 1x", "\r\n\r\n",
                        INVALID_CONTENT_LENGTH),
                arguments("Content-Length of 19 digits", HEAD + "Content-Length: " + "1".repeat(19), "\r\n\r\n",
                        CONTENT_LENGTH_TOO_MANY_DIGITS),
                arguments("second Content-Length", HEAD + "Content-Length: 1\r\nContent-Length: 1", "\r\n\r\n",
                        DUPLICATE_CONTENT_LENGTH),
                arguments("Content-Length after Transfer-Encoding",
                        HEAD + "Transfer-Encoding: chunked\r\nContent-Length: 1", "\r\n\r\n",
                        CONTENT_LENGTH_WITH_TRANSFER_ENCODING),
                arguments("second Host", HEAD + "Host: h", "\r\n\r\n", DUPLICATE_HOST),
                arguments("invalid Host", "GET / HTTP/1.1\r\nHost: a b", "\r\n\r\n", INVALID_HOST),
                arguments("Host not the target's", "GET http://a/ HTTP/1.1\r\nHost: b", "\r\n\r\n", HOST_MISMATCH),
                arguments("unknown coding", HEAD + "Transfer-Encoding: gzip", "\r\n\r\n",
                        UNSUPPORTED_TRANSFER_CODING),
                arguments("chunked then gzip", HEAD + "Transfer-Encoding: chunked, gzip", "\r\n\r\n",
                        CHUNKED_NOT_LAST),
                arguments("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked", "\r\n\r\n",
                        TRANSFER_ENCODING_IN_HTTP_1_0),
                arguments("missing Host", "GET / HTTP/1.1\r\n\r", "\n", MISSING_HOST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"atTheByte", "atTheEndOfTheLine"})
    void rejectsAtTheFirstImpossibleByte(String name, String prefix, String badAndRest, Violation violation) {
        RequestParser parser = new RequestParser(ParserLimits.DEFAULTS);
        byte[] good = ParserHarness.bytes(prefix);
        for (int i = 0; i < good.length; i++) {
            int at = i;
            assertFalse(feed(parser, good[i]) instanceof ParseError, () -> name + ": error at good byte " + at);
        }
        assertEquals(new ParseError(violation), feed(parser, ParserHarness.bytes(badAndRest)[0]), name);
        // Whole, the same bytes give the same error: the rest of the message is not needed to judge it.
        ParserHarness.parseError(prefix + badAndRest.charAt(0), violation);
    }

    /** Feeds one byte; returns the first ParseError among the events it completes, else the last event or null. */
    private static @Nullable ParseEvent feed(RequestParser parser, byte b) {
        ByteBuffer in = ByteBuffer.wrap(new byte[] {b});
        ParseEvent last = null;
        ParseEvent e;
        while ((e = parser.next(in)) != null) {
            if (e instanceof ParseError) {
                return e;
            }
            last = e;
        }
        return last;
    }
}
