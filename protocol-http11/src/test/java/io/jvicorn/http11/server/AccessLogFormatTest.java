package io.jvicorn.http11.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.Header;
import io.jvicorn.http11.codec.HttpVersion;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.codec.TargetForm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessLogFormatTest {
    private static final Address CLIENT = new Address("127.0.0.1", 54321);
    private static final RequestHead GET = head("GET", "/p%20q", "q=1&r", List.of(
            Header.of("user-agent", "curl/8.5.0"), Header.of("x-request-id", "abc")));

    private static RequestHead head(String method, String path, String query, List<Header> headers) {
        return new RequestHead(method, HttpVersion.HTTP_1_1, TargetForm.ORIGIN,
                path.getBytes(StandardCharsets.ISO_8859_1), query.getBytes(StandardCharsets.ISO_8859_1), headers, 0,
                false, true, false, false);
    }

    private static String format(String pattern, int status) {
        return AccessLogFormat.parse(pattern).format(CLIENT, GET, status, 1234, 12_345_678);
    }

    @Test
    void theDefaultIsUvicornsLine() {
        AccessLogFormat uvicorn = AccessLogFormat.parse(AccessLogFormat.DEFAULT);
        assertEquals("127.0.0.1:54321 - \"GET /p%20q?q=1&r HTTP/1.1\" 200 OK",
                uvicorn.format(CLIENT, GET, 200, 0, 0));
        assertEquals("127.0.0.1:54321 - \"GET /p%20q?q=1&r HTTP/1.1\" 599", uvicorn.format(CLIENT, GET, 599, 0, 0));
        assertEquals("127.0.0.1:54321 - \"GET /p%20q?q=1&r HTTP/1.1\" 304 Not Modified", uvicorn.format(CLIENT, GET, 304, 0, 0));
        RequestHead noQuery = head("POST", "/", "", List.of());
        assertEquals("- - \"POST / HTTP/1.1\" 201 Created", uvicorn.format(null, noQuery, 201, 0, 0));
        assertEquals("[::1]:8080 - \"POST / HTTP/1.1\" 201 Created",
                uvicorn.format(new Address("::1", 8080), noQuery, 201, 0, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "%(client_addr)s|127.0.0.1:54321",
            "%(request_line)s|GET /p%20q?q=1&r HTTP/1.1",
            "%(status_code)s|404 Not Found",
            "%(status)s|404",
            "%(method)s|GET",
            "%(path)s|/p%20q",
            "%(query_string)s|q=1&r",
            "%(full_path)s|/p%20q?q=1&r",
            "%(http_version)s|1.1",
            "%(bytes)s|1234",
            "%(duration_ms)s|12.345",
            "%(duration_us)s|12345",
            "%({User-Agent}i)s|curl/8.5.0",
            "%({x-request-id}i)s|abc",
            "%({referer}i)s|-",
            "100%% %(status)s%%|100% 404%",
            "'%(status)s %(bytes)sB in %(duration_ms)sms'|404 1234B in 12.345ms",
            "no placeholders|no placeholders",
            "''|''",
    })
    void everyPlaceholder(String pattern, String expected) {
        assertEquals(expected, format(pattern, 404));
    }

    @Test
    void durationsKeepLeadingZeros() {
        AccessLogFormat f = AccessLogFormat.parse("%(duration_ms)s");
        assertEquals("0.000", f.format(CLIENT, GET, 200, 0, 999));
        assertEquals("0.007", f.format(CLIENT, GET, 200, 0, 7_000));
        assertEquals("1.050", f.format(CLIENT, GET, 200, 0, 1_050_000));
        assertEquals("2000.000", f.format(CLIENT, GET, 200, 0, 2_000_000_000L));
    }

    @Test
    void timeIsIsoUtcWithMilliseconds() {
        String time = format("%(time)s", 200);
        assertTrue(time.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), time);
    }

    // Quoted: CSV would trim the leading ESC as whitespace.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "101|'\u001b[97m101 Switching Protocols\u001b[0m'",
            "200|'\u001b[32m200 OK\u001b[0m'",
            "302|'\u001b[33m302 Found\u001b[0m'",
            "404|'\u001b[31m404 Not Found\u001b[0m'",
            "503|'\u001b[91m503 Service Unavailable\u001b[0m'",
            "999|999",
    })
    void coloursStatusesByClassLikeUvicorn(int status, String expected) {
        AccessLogFormat colored = AccessLogFormat.parse("%(status_code)s").withColors(true);
        assertEquals(expected, colored.format(CLIENT, GET, status, 0, 0));
    }

    @Test
    void coloursMakeTheRequestLineBold() {
        AccessLogFormat colored = AccessLogFormat.parse(AccessLogFormat.DEFAULT).withColors(true);
        assertTrue(colored.colors());
        assertEquals("127.0.0.1:54321 - \"\u001b[1mGET /p%20q?q=1&r HTTP/1.1\u001b[0m\" \u001b[32m200 OK\u001b[0m",
                colored.format(CLIENT, GET, 200, 0, 0));
        assertEquals("\u001b[32m200\u001b[0m", AccessLogFormat.parse("%(status)s").withColors(true)
                .format(CLIENT, GET, 200, 0, 0));
        AccessLogFormat plain = colored.withColors(false);
        assertFalse(plain.colors());
        assertSame(plain, plain.withColors(false));
        assertEquals(AccessLogFormat.DEFAULT, plain.toString());
    }

    @Test
    void anUnknownPlaceholderNamesItAndListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccessLogFormat.parse("%(client_addr)s %(latency)s"));
        assertEquals("unknown placeholder '%(latency)s' in the access log format; valid placeholders are "
                + "%(client_addr)s, %(request_line)s, %(status_code)s, %(status)s, %(method)s, %(path)s, "
                + "%(query_string)s, %(full_path)s, %(http_version)s, %(bytes)s, %(duration_ms)s, %(duration_us)s, "
                + "%(time)s, %({header}i)s", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "%(status)d|placeholder '%(status)d' in the access log format must end in 's', as in %(status)s",
            "%(status)|placeholder '%(status)' in the access log format must end in 's', as in %(status)s",
            "x %(status|unterminated placeholder at index 2 of the access log format: '%(status'",
            "100% done|'%' at index 3 of the access log format must start a placeholder such as %(status)s, or be "
                    + "doubled as %%",
            "ends with %|'%' at index 10 of the access log format must start a placeholder such as %(status)s, or be "
                    + "doubled as %%",
            "%({bad header}i)s|'%({bad header}i)s' in the access log format does not name a header: write "
                    + "%({User-Agent}i)s",
            "%({}i)s|unknown placeholder '%({}i)s' in the access log format; valid placeholders are %(client_addr)s, "
                    + "%(request_line)s, %(status_code)s, %(status)s, %(method)s, %(path)s, %(query_string)s, "
                    + "%(full_path)s, %(http_version)s, %(bytes)s, %(duration_ms)s, %(duration_us)s, %(time)s, "
                    + "%({header}i)s",
    })
    void malformedFormatsAreRejected(String pattern, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> AccessLogFormat.parse(pattern))
                .getMessage());
    }

    @Test
    void jsonWritesOneObjectWithTheShippersFields() {
        AccessLogFormat json = AccessLogFormat.parse(AccessLogFormat.JSON);
        assertTrue(json.json());
        assertSame(json, json.withColors(true), "JSON lines are never coloured");
        RequestHead head = head("GET", "/p%20q", "q=1&r", List.of(Header.of("user-agent", "curl/8.5.0"),
                Header.of("referer", "http://localhost/")));
        String line = json.format(CLIENT, head, 404, 1234, 12_345_678);
        String time = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
        assertTrue(line.matches("\\{\"time\":\"" + time + "\",\"client\":\"127\\.0\\.0\\.1:54321\",.*"), line);
        assertEquals("\"client\":\"127.0.0.1:54321\",\"method\":\"GET\",\"path\":\"/p%20q\",\"query\":\"q=1&r\","
                + "\"http_version\":\"1.1\",\"status\":404,\"bytes\":1234,\"duration\":0.012345,"
                + "\"user_agent\":\"curl/8.5.0\",\"referer\":\"http://localhost/\"}", afterTime(line));
    }

    @Test
    void jsonWritesNullForWhatIsUnknownAndKeepsLeadingZerosOfTheDuration() {
        RequestHead head = head("POST", "/", "", List.of());
        String line = AccessLogFormat.parse("json").format(null, head, 201, 0, 2_000_007_000L);
        assertEquals("\"client\":null,\"method\":\"POST\",\"path\":\"/\",\"query\":\"\",\"http_version\":\"1.1\","
                + "\"status\":201,\"bytes\":0,\"duration\":2.000007,\"user_agent\":null,\"referer\":null}",
                afterTime(line));
    }

    @Test
    void jsonEscapesQuotesControlCharactersAndEverythingOutsideAscii() {
        // Header values arrive one char per byte: "é€" in UTF-8, then a quote, a backslash and a tab.
        String utf8 = new String("\u00e9\u20ac \"\\\t".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        String latin1 = "caf\u00e9"; // not valid UTF-8: kept one character per byte
        RequestHead head = head("GET", "/\u00ff", "a=\u00c3\u00a9\n", List.of(Header.of("user-agent", utf8),
                Header.of("referer", latin1)));
        String line = AccessLogFormat.parse("json").format(CLIENT, head, 200, 5, 0);
        assertEquals("\"client\":\"127.0.0.1:54321\",\"method\":\"GET\",\"path\":\"/\\u00ff\",\"query\":\"a=\\u00e9\\n\","
                + "\"http_version\":\"1.1\",\"status\":200,\"bytes\":5,\"duration\":0.000000,"
                + "\"user_agent\":\"\\u00e9\\u20ac \\\"\\\\\\t\",\"referer\":\"caf\\u00e9\"}",
                afterTime(line));
        for (char c : line.toCharArray()) {
            assertTrue(c >= 0x20 && c < 0x7f, () -> "not printable ASCII: " + (int) c + " in " + line);
        }
    }

    @Test
    void jsonStringsEscapeEveryControlCharacter() {
        // The parser keeps control characters out of heads; the quoting does not rely on it.
        StringBuilder b = new StringBuilder();
        JsonAccessLine.quote(b, "\u0000\u0001\b\f\n\r\t\u001f\u007f\u2028\ud83d\ude00 \"\\/");
        assertEquals("\"\\u0000\\u0001\\u0008\\u000c\\n\\r\\t\\u001f\\u007f\\u2028\\ud83d\\ude00 \\\"\\\\/\"",
                b.toString());
    }

    /** The line from its client field on: the time differs per run. */
    private static String afterTime(String line) {
        int client = line.indexOf("\"client\":");
        assertTrue(line.startsWith("{\"time\":\"") && client == 35, line);
        return line.substring(client);
    }
}
