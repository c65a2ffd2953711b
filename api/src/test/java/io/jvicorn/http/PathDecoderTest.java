package io.jvicorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PathDecoderTest {

    private static String decode(String raw) {
        return PathDecoder.decode(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void plainPathsAreUnchanged() {
        assertEquals("/a/b.html", decode("/a/b.html"));
        assertEquals("", decode(""));
    }

    @Test
    void percentEscapesAreDecodedIncludingSlash() {
        assertEquals("/a b/c", decode("/a%20b%2Fc"));
        assertEquals("/caf\u00e9", decode("/caf%C3%A9"));
        assertEquals("/caf\u00e9", decode("/caf%c3%a9"));
        assertEquals("/%", decode("/%25"));
    }

    @Test
    void malformedEscapesAreKept() {
        assertEquals("/100%", decode("/100%"));
        assertEquals("/%zz", decode("/%zz"));
        assertEquals("/%4", decode("/%4"));
        assertEquals("/a%2", decode("/a%2"));
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        assertEquals("/\ufffd", decode("/%FF"));
        assertEquals("/\ufffdx", decode("/%C3x"));
    }
}
