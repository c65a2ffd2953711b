package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** python-dotenv's syntax (its tests/test_parser.py cases where they apply). */
class DotEnvTest {

    private static Map<String, String> parse(String text, Map<String, String> environment) {
        return DotEnv.parse(text, ".env", environment);
    }

    private static Map<String, String> parse(String text) {
        return parse(text, Map.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a=b|b",
            "a=b\\n|b\\n",
            "a = b|b",
            "export a=b|b",
            "export  a = b |b",
            "a=b c|b c",
            "a=b # comment|b",
            "a=b#c|b#c",
            "a=#c|#c",
            "'a=\"b c\"'|b c",
            "a=\"b c\" # comment|b c",
            "a='b c'|b c",
            "a=''|''",
            "a=\"\"|''",
            "a=|''",
            "a='b\\'c'|b'c",
            "a='b\\\\c'|b\\c",
            "a='b\\nc'|b\\nc",
            "a=\"b\\\\c\"|b\\c",
            "a=\"b\\\"c\"|b\"c",
            "a=\"b\\'c\"|b'c",
            "a=\"b\\xc\"|b\\xc",
            "a=\u00e9|\u00e9",
    })
    void readsOneVariable(String line, String value) {
        assertEquals(Map.of("a", value), parse(line));
    }

    @Test
    void decodesEscapesInDoubleQuotes() {
        assertEquals("t\tn\nr\rf\fb\ba\u0007v\u000B", parse("a=\"t\\tn\\nr\\rf\\fb\\ba\\av\\v\"").get("a"));
    }

    @Test
    void readsAWholeFile() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("WEB_CONCURRENCY", "4");
        expected.put("FORWARDED_ALLOW_IPS", "10.0.0.0/8, unix:");
        expected.put("MULTI", "line one\nline two");
        expected.put("QUOTED_KEY", "x");
        assertEquals(expected, parse("""
                # settings for the app

                WEB_CONCURRENCY=4
                export FORWARDED_ALLOW_IPS="10.0.0.0/8, unix:"   # proxies
                ONLY_A_KEY
                MULTI='line one
                line two'
                "QUOTED_KEY"=x
                """));
    }

    @Test
    void acceptsCrlfLineEndings() {
        assertEquals(Map.of("a", "1", "b", "2"), parse("a=1\r\nb=\"2\"\r\n"));
    }

    @Test
    void expandsVariablesTheEnvironmentFirst() {
        Map<String, String> env = Map.of("HOME", "/home/u", "B", "from-env", "EMPTY", "");
        Map<String, String> values = parse("""
                B=from-file
                A=${HOME}/x
                C="${B}-${MISSING}-${MISSING:-dflt}-${EMPTY:-dflt}"
                D='${HOME}'
                E=$HOME ${a:b} ${unterminated
                F=${G:-}${LATER}
                LATER=late
                """, env);
        assertEquals("/home/u/x", values.get("A"));
        assertEquals("from-env--dflt-", values.get("C"));
        assertEquals("${HOME}", values.get("D"));
        assertEquals("$HOME ${a:b} ${unterminated", values.get("E"));
        assertEquals("", values.get("F"));
    }

    @Test
    void earlierLinesExpandLaterOnes() {
        assertEquals("x/y", parse("X=x\nY=${X}/y\n").get("Y"));
    }

    @Test
    void rejectsWhatPythonDotenvWouldSkipNamingTheLine() {
        assertEquals(".env:1: unterminated single-quoted value", error("a='b"));
        assertEquals(".env:2: unterminated double-quoted value", error("x=1\na=\"b"));
        assertEquals(".env:1: unexpected text after the value of 'a'", error("a=\"b\" c"));
        assertEquals(".env:1: expected a variable name", error("=b"));
        assertEquals(".env:1: expected '=' after 'a'", error("a b=c"));
        assertEquals(".env:1: unterminated or empty quoted key", error("'a=b"));
        assertEquals(".env:3: unterminated or empty quoted key", error("a=1\n\n''=b"));
    }

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage();
    }
}
