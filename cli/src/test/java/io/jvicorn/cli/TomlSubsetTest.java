package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TomlSubsetTest {

    private static Map<String, TomlSubset.Value> parse(String text) {
        return TomlSubset.parse(text, "jvicorn.toml");
    }

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsScalarsAsTheCommandLineWouldSpellThem() {
        Map<String, TomlSubset.Value> values = parse("""
                # jvicorn settings
                app = "com.example:App"   # trailing comment
                port = 8_000
                backlog = +128
                timeout-keep-alive = 2.5
                ws-ping-interval = 1e1
                access-log = false
                "root-path" = '/api\\literal'
                header = "X-A: \\"q\\" \\\\ \\t\\u00e9\\U0001F600"
                empty = ""
                """);
        assertEquals(List.of("com.example:App"), values.get("app").values());
        assertEquals(List.of("8000"), values.get("port").values());
        assertEquals(List.of("128"), values.get("backlog").values());
        assertEquals(List.of("2.5"), values.get("timeout-keep-alive").values());
        assertEquals(List.of("1e1"), values.get("ws-ping-interval").values());
        assertEquals(List.of("false"), values.get("access-log").values());
        assertEquals(List.of("/api\\literal"), values.get("root-path").values());
        assertEquals(List.of("X-A: \"q\" \\ \t\u00e9\uD83D\uDE00"), values.get("header").values());
        assertEquals(List.of(""), values.get("empty").values());
        assertEquals(false, values.get("port").array());
        assertEquals(3, values.get("port").line());
    }

    @Test
    void readsArraysOnOneOrManyLines() {
        Map<String, TomlSubset.Value> values = parse("""
                header = ["X-A: 1", 'X-B: 2']
                app-dir = [
                  "build/classes",  # the application
                  "lib/dep.jar",
                ]
                none = []
                numbers = [1, 2_0]
                """);
        assertEquals(new TomlSubset.Value(List.of("X-A: 1", "X-B: 2"), true, 1), values.get("header"));
        assertEquals(new TomlSubset.Value(List.of("build/classes", "lib/dep.jar"), true, 2), values.get("app-dir"));
        assertEquals(new TomlSubset.Value(List.of(), true, 6), values.get("none"));
        assertEquals(List.of("1", "20"), values.get("numbers").values());
    }

    @Test
    void acceptsCrlfAndABom() {
        assertEquals(List.of("1"), parse("\uFEFFport = 1\r\nhost = \"::\"\r\n").get("port").values());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[server]|jvicorn.toml:1: tables ([...]) are not supported: put every key at the top level",
            "server.port = 1|jvicorn.toml:1: dotted keys are not supported: 'server.'",
            "port 8000|jvicorn.toml:1: expected '=' after key 'port'",
            "port =|jvicorn.toml:1: missing value",
            "port = 80 80|jvicorn.toml:1: unexpected text after the value of 'port'",
            "host = localhost|jvicorn.toml:1: unsupported value 'localhost' (quote strings)",
            "port = 08|jvicorn.toml:1: unsupported value '08' (quote strings)",
            "port = 1__0|jvicorn.toml:1: unsupported value '1__0' (quote strings)",
            "at = 1979-05-27|jvicorn.toml:1: unsupported value '1979-05-27' (quote strings)",
            "host = \"a|jvicorn.toml:1: unterminated string",
            "host = 'a|jvicorn.toml:1: unterminated string",
            "host = \"\\x\"|jvicorn.toml:1: invalid escape '\\x' in a string",
            "host = \"\\uD800\"|jvicorn.toml:1: invalid unicode escape",
            "host = \"\\u12zz\"|jvicorn.toml:1: invalid unicode escape",
            "host = \"\\u12|jvicorn.toml:1: truncated unicode escape",
            "host = \"\"\"x\"\"\"|jvicorn.toml:1: multi-line strings are not supported",
            "t = {a = 1}|jvicorn.toml:1: inline tables are not supported",
            "a = [[1]]|jvicorn.toml:1: nested arrays are not supported",
            "a = [1 2]|jvicorn.toml:1: expected ',' or ']' in array",
            "a = [1,|jvicorn.toml:1: unterminated array",
            "= 1|jvicorn.toml:1: expected a key, found '='",
    })
    void rejectsWhatItDoesNotSupportNamingTheLine(String text, String message) {
        assertEquals(message, error(text));
    }

    @Test
    void rejectsAKeySetTwice() {
        assertEquals("jvicorn.toml:3: key 'port' is set twice", error("port = 1\n\nport = 2\n"));
    }

    @Test
    void countsLinesInsideArrays() {
        assertEquals("jvicorn.toml:4: unsupported value 'oops' (quote strings)",
                error("a = [\n 1,\n 2,\n oops\n]"));
    }
}
