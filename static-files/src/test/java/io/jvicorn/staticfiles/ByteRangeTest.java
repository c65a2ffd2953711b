package io.jvicorn.staticfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvicorn.staticfiles.ByteRange.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {
    @ParameterizedTest(name = "{0} of 1000 bytes")
    @CsvSource(delimiter = '|', value = {
            // RFC 9110 §14.1.2's examples, and the edges
            "bytes=0-499      | PARTIAL | 0   | 499",
            "bytes=500-999    | PARTIAL | 500 | 999",
            "bytes=-500       | PARTIAL | 500 | 999",
            "bytes=9500-      | PARTIAL | 9500| -1",
            "bytes=0-0        | PARTIAL | 0   | 0",
            "bytes=-1         | PARTIAL | 999 | 999",
            "bytes=-5000      | PARTIAL | 0   | 999",
            "bytes=900-5000   | PARTIAL | 900 | 999",
            "bytes=999-       | PARTIAL | 999 | 999",
            "BYTES=1-2        | PARTIAL | 1   | 2",
            "bytes=1000-      | UNSATISFIABLE | 0 | -1",
            "bytes=1000-2000  | UNSATISFIABLE | 0 | -1",
            "bytes=-0         | UNSATISFIABLE | 0 | -1",
            // ignored: the whole file
            "items=0-1        | WHOLE | 0 | -1",
            "bytes=0-1,5-6    | WHOLE | 0 | -1",
            "bytes=5-1        | WHOLE | 0 | -1",
            "bytes=-          | WHOLE | 0 | -1",
            "bytes=a-1        | WHOLE | 0 | -1",
            "bytes=+1-2       | WHOLE | 0 | -1",
            "bytes=1 -2       | WHOLE | 0 | -1",
            "bytes=1-2-3      | WHOLE | 0 | -1",
            "bytes=12         | WHOLE | 0 | -1",
            "bytes=0-9999999999999999999 | WHOLE | 0 | -1",
            "bytes 0-1        | WHOLE | 0 | -1"})
    void rangesOfAThousandBytes(String header, Kind kind, long first, long last) {
        ByteRange range = ByteRange.of(header, header.startsWith("bytes=9500") ? 10_000 : 1000);
        assertEquals(kind, range.kind());
        if (kind == Kind.PARTIAL) {
            assertEquals(first, range.first());
            assertEquals(last < 0 ? 9999 : last, range.last());
        }
    }

    @ParameterizedTest
    @CsvSource({"bytes=0-,UNSATISFIABLE", "bytes=-1,UNSATISFIABLE"})
    void nothingOfAnEmptyFileIsSatisfiable(String header, Kind kind) {
        assertEquals(kind, ByteRange.of(header, 0).kind());
    }
}
