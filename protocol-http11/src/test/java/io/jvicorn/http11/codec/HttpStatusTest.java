package io.jvicorn.http11.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpStatusTest {

    @Test
    void reasons() {
        assertEquals("OK", HttpStatus.reason(200));
        assertEquals("Not Found", HttpStatus.reason(404));
        assertEquals("Content Too Large", HttpStatus.reason(413));
        assertEquals("URI Too Long", HttpStatus.reason(414));
        assertEquals("Request Header Fields Too Large", HttpStatus.reason(431));
        assertEquals("HTTP Version Not Supported", HttpStatus.reason(505));
        assertEquals("Network Authentication Required", HttpStatus.reason(511));
        assertEquals("", HttpStatus.reason(599));
        assertEquals("", HttpStatus.reason(-1));
        assertEquals("", HttpStatus.reason(1000));
    }

    @Test
    void statusLines() {
        assertEquals("HTTP/1.1 200 OK\r\n", new String(HttpStatus.statusLine(200), StandardCharsets.ISO_8859_1));
        assertEquals("HTTP/1.1 299 \r\n", new String(HttpStatus.statusLine(299), StandardCharsets.ISO_8859_1));
        assertThrows(IllegalArgumentException.class, () -> HttpStatus.statusLine(600));
    }
}
