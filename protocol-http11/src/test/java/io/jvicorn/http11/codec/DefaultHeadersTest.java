package io.jvicorn.http11.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvicorn.asgi.Header;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultHeadersTest {

    private static String written(DefaultHeaders d, boolean withServer, boolean withDate) {
        OutputBuffer out = new OutputBuffer();
        d.writeTo(out, withServer, withDate);
        return new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void dateIsAnImfFixdate() {
        DefaultHeaders d = DefaultHeaders.create(true, true, List.of());
        d.refreshDate(784111777000L);
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", d.date());
        d.refreshDate(784111777999L); // same second
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", d.date());
        d.refreshDate(951782400000L);
        assertEquals("Tue, 29 Feb 2000 00:00:00 GMT", d.date());
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", io.jvicorn.http.HttpDate.format(0));
    }

    @Test
    void dateMatchesJavaTimeOverManyDays() {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT);
        for (long s = 0; s < 4_000_000_000L; s += 86_399_999L / 7) {
            assertEquals(f.format(ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(s), java.time.ZoneOffset.UTC)),
                    io.jvicorn.http.HttpDate.format(s));
        }
    }

    @Test
    void encodedLines() {
        DefaultHeaders d = DefaultHeaders.create(true, true, List.of(Header.of("X-Extra", "1")));
        d.refreshDate(784111777000L);
        assertEquals("server: jvicorn\r\ndate: Sun, 06 Nov 1994 08:49:37 GMT\r\nX-Extra: 1\r\n", written(d, true, true));
        assertEquals("date: Sun, 06 Nov 1994 08:49:37 GMT\r\nX-Extra: 1\r\n", written(d, false, true));
        assertEquals("server: jvicorn\r\nX-Extra: 1\r\n", written(d, true, false));
        assertEquals(List.of(Header.of("server", "jvicorn"), Header.of("date", "Sun, 06 Nov 1994 08:49:37 GMT"),
                Header.of("X-Extra", "1")), d.headers());
    }

    @Test
    void extraServerHeadersReplaceTheDefault() {
        DefaultHeaders d = DefaultHeaders.create(true, false,
                List.of(Header.of("Server", "over-ridden"), Header.of("x", "y"), Header.of("server", "another-value")));
        assertEquals("Server: over-ridden\r\nserver: another-value\r\nx: y\r\n", written(d, true, true));
        assertEquals("x: y\r\n", written(d, false, true));
    }

    @Test
    void disabledDefaults() {
        assertEquals("", written(DefaultHeaders.create(false, false, List.of()), true, true));
    }

    @Test
    void extraDateReplacesTheDynamicDate() {
        DefaultHeaders d = DefaultHeaders.create(false, true, List.of(Header.of("date", "fixed")));
        assertEquals("date: fixed\r\n", written(d, true, true));
        assertEquals("", written(d, true, false));
    }
}
