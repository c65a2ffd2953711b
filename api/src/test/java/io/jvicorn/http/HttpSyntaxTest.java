package io.jvicorn.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HttpSyntaxTest {

    @Test
    void tcharIsAlphaDigitAndFifteenSymbols() {
        String symbols = "!#$%&'*+-.^_`|~";
        int count = 0;
        for (int c = 0; c < 0x200; c++) {
            boolean expected = c < 128 && (Character.isLetterOrDigit(c) || symbols.indexOf(c) >= 0);
            assertEquals(expected, HttpSyntax.isTchar(c), "char " + c);
            count += HttpSyntax.isTchar(c) ? 1 : 0;
        }
        assertEquals(26 + 26 + 10 + 15, count);
        assertFalse(HttpSyntax.isTchar(-1));
    }

    @Test
    void fieldValueCharsAreVcharSpaceTabAndObsText() {
        for (int c = 0; c < 0x200; c++) {
            boolean expected = c == '\t' || (c >= 0x20 && c != 0x7F && c <= 0xFF);
            assertEquals(expected, HttpSyntax.isFieldValueChar(c), "char " + c);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0", "42|42", "' 42\t'|42", "000000000000000001|1", "999999999999999999|999999999999999999",
            "''|-1", "' '|-1", "+5|-1", "-1|-1", "0x5|-1", "1 2|-1", "5, 5|-1", "1_0|-1", "1000000000000000000|-1"})
    void contentLengthIsDigitsWithinOws(String value, long expected) {
        assertEquals(expected, HttpSyntax.contentLength(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"close", "Close", " close ", "keep-alive, close", "close,upgrade", ",\tCLOSE\t,"})
    void listContainsFindsAnElementIgnoringCaseAndOws(String list) {
        assertTrue(HttpSyntax.listContains(list, "close"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "closed", "clo se", "keep-alive", "close;x", "\"close\""})
    void listContainsMatchesWholeElementsOnly(String list) {
        assertFalse(HttpSyntax.listContains(list, "close"));
    }

    @Test
    void listElementsAreTrimmedAndEmptyOnesDropped() {
        assertEquals(List.of("a", "b c", "d"), HttpSyntax.listElements(" a ,, b c,\t,d,"));
        assertEquals(List.of(), HttpSyntax.listElements(" , "));
    }

    @Test
    void tokensAndHexDigits() {
        assertTrue(HttpSyntax.isToken("x-forwarded-for"));
        assertFalse(HttpSyntax.isToken(""));
        assertFalse(HttpSyntax.isToken("a b"));
        assertEquals(3, HttpSyntax.tokenEnd("abc;d", 0, 5));
        assertEquals(15, HttpSyntax.hexValue('F'));
        assertEquals(10, HttpSyntax.hexValue('a'));
        assertEquals(-1, HttpSyntax.hexValue('g'));
        assertEquals(-1, HttpSyntax.hexValue(0x100 + '1'));
    }
}
