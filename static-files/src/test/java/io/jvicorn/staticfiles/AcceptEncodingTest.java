package io.jvicorn.staticfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {
    @ParameterizedTest(name = "''{0}'' accepts {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                   | gzip | false",
            "gzip, deflate, br      | br   | true",
            "gzip, deflate, br      | gzip | true",
            "GZIP                   | gzip | true",
            "deflate                | gzip | false",
            "gzip;q=0               | gzip | false",
            "gzip; q=0.5            | gzip | true",
            "gzip;Q=0.001           | gzip | true",
            "*                      | br   | true",
            "*;q=0                  | br   | false",
            "br;q=0, *              | br   | false",
            "*, br;q=0              | br   | false",
            "*;q=0, br              | br   | true",
            "gzip;q=2               | gzip | false",
            "gzip;q=x               | gzip | false",
            "identity               | gzip | false"})
    void codings(String header, String coding, boolean accepted) {
        assertEquals(accepted, AcceptEncoding.accepts(header, coding));
    }
}
