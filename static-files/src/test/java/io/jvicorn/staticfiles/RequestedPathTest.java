package io.jvicorn.staticfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestedPathTest {
    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
            "/app.js          | app.js",
            "/css/site.css    | css/site.css",
            "/a//b/           | a/b",
            "''               | ''",
            "/                | ''",
            "/..a/b..         | ..a/b..",
            "/.well-known/x   | .well-known/x"})
    void plainSegments(String decoded, String relative) {
        RequestedPath path = RequestedPath.of(decoded, decoded);
        assertNull(path.refusal());
        assertEquals(relative, path.relative());
    }

    @ParameterizedTest(name = "{0} (raw {1})")
    @CsvSource(delimiter = '|', value = {
            "/../etc/passwd    | /../etc/passwd        | a dot segment (. or ..) in the path",
            "/a/../../x        | /a/%2e%2e/%2E%2e/x    | a dot segment (. or ..) in the path",
            "/a/..             | /a/..                 | a dot segment (. or ..) in the path",
            "/./a              | /./a                  | a dot segment (. or ..) in the path",
            "/a/b              | /a%2fb                | an encoded slash or backslash in the path",
            "/a/b              | /a%2Fb                | an encoded slash or backslash in the path",
            "/a\\b             | /a%5cb                | a backslash in the path",
            "/a\\..\\x         | /a\\..\\x             | a backslash in the path"})
    void refusals(String decoded, String raw, String rule) {
        RequestedPath path = RequestedPath.of(decoded, raw);
        assertNull(path.relative());
        assertEquals(rule, path.refusal());
    }

    @org.junit.jupiter.api.Test
    void nulIsRefused() {
        assertEquals("a NUL character in the path", RequestedPath.of("/a\0.txt", "/a%00.txt").refusal());
    }
}
