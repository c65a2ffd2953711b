package io.jvicorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDateTest {
    private static final long NOV_6_1994 = 784111777L; // RFC 9110's example: Sun, 06 Nov 1994 08:49:37 GMT

    @Test
    void formatsImfFixdate() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(NOV_6_1994));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate.format(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994", " Sun, 06 Nov 1994 08:49:37 GMT "})
    void readsTheThreeFormatsOfRfc9110(String text) {
        assertEquals(NOV_6_1994, HttpDate.parse(text));
    }

    @Test
    void rfc850YearsBelow70AreThisCentury() {
        assertEquals(HttpDate.parse("Tue, 06 Nov 2029 08:49:37 GMT"), HttpDate.parse("Tuesday, 06-Nov-29 08:49:37 GMT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov +994 08:49:37 GMT", "Sun Nov 6 08:49:37 1994",
            "Sunday, 06-Nov-1994 08:49:37 GMT", "1994-11-06T08:49:37Z"})
    void anythingElseIsNotADate(String text) {
        assertEquals(Long.MIN_VALUE, HttpDate.parse(text));
    }
}
