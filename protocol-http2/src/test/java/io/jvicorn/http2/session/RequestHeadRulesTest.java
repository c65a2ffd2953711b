package io.jvicorn.http2.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Request head validation (RFC 9113 §8.1–§8.3): a malformed request is a stream error, the connection goes on. */
class RequestHeadRulesTest {

    /** Sends the fields on stream 1 and returns the server's frames; the connection must survive. */
    private static List<String> malformed(boolean endStream, String... fields) {
        SessionHarness h = new SessionHarness();
        h.client.headers(1, endStream, fields);
        List<String> out = h.send();
        assertEquals(List.of(), h.events(), "the request never reaches the server");
        h.client.get(3);
        h.send();
        assertEquals(List.of("request 3 GET https example.com / end"), h.events(), "the connection goes on");
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "uppercase name | x-Foo | 1",
        "name not a token | x foo | 1",
        "value with leading space | x-foo | ' a'",
        "connection | connection | keep-alive",
        "keep-alive | keep-alive | 5",
        "proxy-connection | proxy-connection | close",
        "transfer-encoding | transfer-encoding | chunked",
        "upgrade | upgrade | websocket",
        "te other than trailers | te | gzip",
        "response pseudo-header | :status | 200",
        "unknown pseudo-header | :foo | bar",
        "host differing from :authority | host | other.example",
        "invalid content-length | content-length | 1x",
    })
    void aBadFieldIsAStreamProtocolError(String what, String name, String value) {
        boolean pseudo = name.startsWith(":");
        String[] fields = pseudo
                ? new String[] {":method", "GET", name, value, ":scheme", "https", ":path", "/", ":authority", "e.x"}
                : new String[] {":method", "GET", ":scheme", "https", ":path", "/", ":authority", "example.com", name,
                    value};
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(true, fields), what);
    }

    @Test
    void controlCharactersInValuesAreAStreamProtocolError() {
        for (String value : List.of("a\nb", "a\rb", "a\0b", "a\u007fb", "a ")) {
            assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(true, ":method", "GET", ":scheme", "https",
                    ":path", "/", "x-foo", value), value);
        }
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(true, ":method", "GET", ":scheme", "https",
                ":path", "/a\nb"), "in a pseudo-header field too");
    }

    @Test
    void pseudoHeaderFieldsMustComeFirstOnceEachAndAllThree() {
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(true, ":method", "GET", ":scheme", "https",
                "accept", "*/*", ":path", "/"), "pseudo after regular");
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(true, ":method", "GET", ":method", "GET",
                ":scheme", "https", ":path", "/"), "twice");
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(true, ":scheme", "https", ":path", "/"),
                "no :method");
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(true, ":method", "GET", ":path", "/"),
                "no :scheme");
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(true, ":method", "GET", ":scheme", "https"),
                "no :path");
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(true, ":method", "GET", ":scheme", "https",
                ":path", ""), "empty :path");
    }

    @Test
    void connectHasOnlyMethodAndAuthority() {
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(false, ":method", "CONNECT", ":authority",
                "example.com:443", ":path", "/"));
        SessionHarness h = new SessionHarness();
        h.client.headers(1, false, ":method", "CONNECT", ":authority", "example.com:443");
        h.send();
        assertEquals(List.of("request 1 CONNECT null example.com:443 null"), h.events());
    }

    @Test
    void teTrailersCookieCrumbsAndAMatchingHostAreFine() {
        SessionHarness h = new SessionHarness();
        h.client.headers(1, true, ":method", "GET", ":scheme", "https", ":path", "/", ":authority", "example.com",
                "cookie", "a=1", "te", "trailers", "cookie", "b=2", "host", "example.com");
        h.send();
        assertEquals(List.of("request 1 GET https example.com / cookie=a=1; b=2 te=trailers host=example.com end"),
                h.events());
    }

    @Test
    void contentLengthMustMatchTheData() {
        SessionHarness h = new SessionHarness();
        h.client.post(1, "content-length", "3").data(1, "ab", true);
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), h.send());
        assertEquals(List.of("request 1 POST https example.com /up content-length=3", "data 1 ab",
                "reset 1 PROTOCOL_ERROR"), h.events());
        h.client.post(3, "content-length", "3").data(3, "ab", false).data(3, "cd", true);
        assertEquals(List.of("RST_STREAM 3 PROTOCOL_ERROR"), h.send(), "too much, found on the frame that exceeds");
        h.client.headers(5, true, ":method", "POST", ":scheme", "https", ":path", "/", "content-length", "1");
        assertEquals(List.of("RST_STREAM 5 PROTOCOL_ERROR"), h.send(), "END_STREAM on HEADERS with a length");
        h.client.post(7, "content-length", "2").data(7, "a", false).data(7, "b", true);
        assertEquals(List.of(), h.send());
        h.client.post(9, "content-length", "2", "content-length", "3");
        assertEquals(List.of("RST_STREAM 9 PROTOCOL_ERROR"), h.send(), "two lengths");
    }

    @Test
    void trailersMustEndTheStreamAndCarryNoPseudoHeader() {
        SessionHarness h = new SessionHarness();
        h.client.post(1).headers(1, false, "x-sum", "1");
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), h.send());
        h.client.post(3).headers(3, true, ":path", "/");
        assertEquals(List.of("RST_STREAM 3 PROTOCOL_ERROR"), h.send());
        h.client.post(5).headers(5, true, "X-Sum", "1");
        assertEquals(List.of("RST_STREAM 5 PROTOCOL_ERROR"), h.send());
    }

    @Test
    void anHpackBombGets431AndTheConnectionGoesOn() {
        SessionHarness h = new SessionHarness(SessionLimits.DEFAULTS.withMaxHeaderListSize(16 * 1024));
        // One 4000-octet field added to the table, then named 100 times: 400 KB decoded from a 4 KB block.
        StringBuilder hex = new StringBuilder("82 86 84 41 0b 6578616d706c652e636f6d"); // GET http / example.com
        hex.append("40 01 78 7f a1 1e").append("76".repeat(4000)); // literal with indexing, "x": 4000 'v's
        hex.append("be".repeat(100)); // index 62, the entry just added
        int length = hex.toString().replace(" ", "").length() / 2;
        h.client.raw(String.format("%06x 01 05 00000001 ", length) + hex);
        assertEquals(List.of("HEADERS 1 end :status=431 content-length=0"), h.send());
        assertEquals(List.of(), h.events());
        h.client.get(3); // the decoder's table stayed in step
        h.send();
        assertEquals(List.of("request 3 GET https example.com / end"), h.events());
    }

    @Test
    void aBlockHpackCannotDecodeIsACompressionError() {
        SessionHarness h = new SessionHarness();
        h.client.raw("000001 01 05 00000001 80"); // index 0
        assertEquals(List.of("GOAWAY 0 COMPRESSION_ERROR index 0 names no table entry"), h.send(),
                "stream 1 was not processed");
    }
}
