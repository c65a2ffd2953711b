package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.Header;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

class HeaderOptionTest {

    private static String rejection(String text) {
        return assertThrows(TypeConversionException.class, () -> Converters.parseHeader(text)).getMessage();
    }

    @Test
    void splitsAtTheFirstColonAndTrimsTheValue() {
        assertEquals(Header.of("X-Served-By", "edge 1"), Converters.parseHeader("X-Served-By: edge 1"));
        assertEquals(Header.of("Link", "<https://example.test/a>; rel=preload"),
                Converters.parseHeader("Link:  <https://example.test/a>; rel=preload  "));
        assertEquals(Header.of("X-Time", "12:30:00"), Converters.parseHeader("X-Time:12:30:00"));
        assertEquals(Header.of("X-Empty", ""), Converters.parseHeader("X-Empty:"));
    }

    @Test
    void keepsTheNameAsGiven() {
        assertEquals("Server", Converters.parseHeader("Server: custom").name());
    }

    @Test
    void rejectsWhatIsNotAHeader() {
        assertEquals("'no-colon' is not NAME:VALUE", rejection("no-colon"));
        assertEquals("':value': header name must not be empty", rejection(":value"));
        assertEquals("'X Bad: v': header name 'X Bad' contains a character that is not allowed in a token at index 1",
                rejection("X Bad: v"));
        assertEquals("'X-Bell: a\u0007b': value of header 'X-Bell' contains control character 0x7 at index 1",
                rejection("X-Bell: a\u0007b"));
    }

    @Test
    void theOptionRepeatsAndReportsBadValues() {
        CliOptions options = new CliOptions();
        Main.commandLine(options, Map.of()).parseArgs("--header", "A: 1", "--header", "B:2", "m:app");
        assertEquals(List.of(Header.of("A", "1"), Header.of("B", "2")), options.headers);

        ParameterException e = assertThrows(ParameterException.class,
                () -> Main.commandLine(new CliOptions(), Map.of()).parseArgs("--header", "oops", "m:app"));
        assertEquals("Invalid value for option '--header' (NAME:VALUE): 'oops' is not NAME:VALUE", e.getMessage());
    }
}
