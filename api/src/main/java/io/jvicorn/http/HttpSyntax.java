package io.jvicorn.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The one home of RFC 9110's shared syntax (§5.5 field values, §5.6 common rules, §8.6 Content-Length) for jvicorn's
 * parsers, encoders and messages: which characters make a token, what OWS is, how a comma-separated list splits.
 *
 * <p>Characters are {@code int}s so that one method serves both a parser's bytes ({@code b & 0xFF}) and the
 * ISO-8859-1 strings of headers (one {@code char} per byte; anything above U+00FF is never valid). Nothing here
 * allocates except {@link #listElements}, so the request parser can use it on every byte.
 */
public final class HttpSyntax {
    /**
     * The most digits a Content-Length may have, leading zeros included: 18 digits always fit a long. (The HTTP/1.1
     * parser caps chunk sizes the same way, at 16 hex digits.)
     */
    public static final int MAX_CONTENT_LENGTH_DIGITS = 18;

    /** tchar (§5.6.2) by character, for characters below 128. */
    private static final boolean[] TCHAR = new boolean[128];
    /** HEXDIG's value by character, -1 for other characters below 128. */
    private static final byte[] HEX = new byte[128];

    static {
        for (int c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (int c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (int c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;

        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) HEX[c] = (byte) (c - '0');
        for (int c = 'a'; c <= 'f'; c++) HEX[c] = (byte) (c - 'a' + 10);
        for (int c = 'A'; c <= 'F'; c++) HEX[c] = (byte) (c - 'A' + 10);
    }

    private HttpSyntax() {
    }

    /**
     * Whether {@code c} may appear in a token (§5.6.2): a method, a field name, a transfer coding, a parameter name.
     *
     * @param c a character or an unsigned byte
     * @return true for ALPHA, DIGIT and {@code !#$%&'*+-.^_`|~}
     */
    public static boolean isTchar(int c) {
        return c < 128 && c >= 0 && TCHAR[c];
    }

    /**
     * Whether {@code s} is a token: one or more tchar.
     *
     * @param s the text
     * @return true when non-empty and all tchar
     */
    public static boolean isToken(CharSequence s) {
        return !s.isEmpty() && tokenEnd(s, 0, s.length()) == s.length();
    }

    /**
     * Where the token starting at {@code from} ends.
     *
     * @param s    the text
     * @param from the first index to look at
     * @param to   the index to stop at
     * @return the index of the first character in {@code [from, to)} that is not a tchar, or {@code to}
     */
    public static int tokenEnd(CharSequence s, int from, int to) {
        int i = from;
        while (i < to && isTchar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Whether {@code c} is whitespace in the sense of OWS (§5.6.3).
     *
     * @param c a character or an unsigned byte
     * @return true for SP and HTAB
     */
    public static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Whether {@code c} may appear in a field value (§5.5), and in quoted-string and quoted-pair (§5.6.4), which allow
     * the same characters.
     *
     * @param c a character or an unsigned byte
     * @return true for VCHAR, SP, HTAB and obs-text (0x80 to 0xFF); false for other controls, DEL and anything above
     *         0xFF
     */
    public static boolean isFieldValueChar(int c) {
        return c >= 0x20 ? c != 0x7F && c <= 0xFF : c == '\t';
    }

    /**
     * The value of a hex digit (HEXDIG, either case).
     *
     * @param c a character or an unsigned byte
     * @return 0 to 15, or -1 when {@code c} is not a hex digit
     */
    public static int hexValue(int c) {
        return c < 128 && c >= 0 ? HEX[c] : -1;
    }

    /**
     * ASCII lower case, other characters unchanged.
     *
     * @param c a character or an unsigned byte
     * @return {@code c} with A-Z mapped to a-z
     */
    public static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /**
     * Whether {@code s[from, to)} equals a lowercase word, ignoring ASCII case.
     *
     * @param s         the text
     * @param from      start index
     * @param to        end index, exclusive
     * @param lowerWord the word, in lower case
     * @return true when they match
     */
    public static boolean equalsLower(CharSequence s, int from, int to, String lowerWord) {
        if (to - from != lowerWord.length()) {
            return false;
        }
        for (int i = 0; i < lowerWord.length(); i++) {
            if (lower(s.charAt(from + i)) != lowerWord.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Skips leading OWS.
     *
     * @param s    the text
     * @param from start index
     * @param to   end index, exclusive
     * @return the index of the first character in {@code [from, to)} that is not SP or HTAB, or {@code to}
     */
    public static int skipWhitespace(CharSequence s, int from, int to) {
        int i = from;
        while (i < to && isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Drops trailing OWS.
     *
     * @param s    the text
     * @param from start index
     * @param to   end index, exclusive
     * @return the end, exclusive, of {@code s[from, to)} without its trailing SP and HTAB
     */
    public static int trimWhitespace(CharSequence s, int from, int to) {
        int i = to;
        while (i > from && isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /**
     * Where the list element starting at {@code from} ends (§5.6.1): lists are walked without allocating as
     * {@code for (int i = 0; i <= s.length(); i = end + 1) { int end = elementEnd(s, i); ... }}.
     *
     * @param list the field value
     * @param from where the element starts
     * @return the index of the next comma, or the length of {@code list}
     */
    public static int elementEnd(CharSequence list, int from) {
        int i = from;
        while (i < list.length() && list.charAt(i) != ',') {
            i++;
        }
        return i;
    }

    /**
     * Whether a comma-separated list has an element equal to {@code lowerWord}, ignoring ASCII case and the OWS
     * around elements ({@code Connection: keep-alive, Upgrade}).
     *
     * @param list      the field value
     * @param lowerWord the element to look for, in lower case
     * @return true when present
     */
    public static boolean listContains(CharSequence list, String lowerWord) {
        int len = list.length();
        for (int i = 0; i <= len; ) {
            int end = elementEnd(list, i);
            int start = skipWhitespace(list, i, end);
            if (equalsLower(list, start, trimWhitespace(list, start, end), lowerWord)) {
                return true;
            }
            i = end + 1;
        }
        return false;
    }

    /**
     * The elements of a comma-separated list, OWS trimmed, without the empty ones, which §5.6.1 has recipients ignore.
     *
     * @param list the field value
     * @return the elements in order
     */
    public static List<String> listElements(CharSequence list) {
        List<String> elements = new ArrayList<>(2);
        int len = list.length();
        for (int i = 0; i <= len; ) {
            int end = elementEnd(list, i);
            int start = skipWhitespace(list, i, end);
            int stop = trimWhitespace(list, start, end);
            if (stop > start) {
                elements.add(list.subSequence(start, stop).toString());
            }
            i = end + 1;
        }
        return elements;
    }

    /**
     * Parses a Content-Length value (§8.6): 1*DIGIT, surrounded by optional OWS, of at most
     * {@link #MAX_CONTENT_LENGTH_DIGITS} digits. A list ({@code 5, 5}), a sign or inner whitespace is invalid.
     *
     * @param value the field value
     * @return the length, or -1 when the value is not a valid Content-Length
     */
    public static long contentLength(CharSequence value) {
        int start = skipWhitespace(value, 0, value.length());
        return decimal(value, start, trimWhitespace(value, start, value.length()));
    }

    /**
     * Parses {@code 1*DIGIT} of at most {@link #MAX_CONTENT_LENGTH_DIGITS} digits, nothing else (no sign, no space):
     * Content-Length, the positions of a byte range.
     *
     * @param s    the text
     * @param from the first digit
     * @param to   after the last digit
     * @return the value, or -1 when {@code s[from, to)} is not such a number
     */
    public static long decimal(CharSequence s, int from, int to) {
        if (from >= to || to - from > MAX_CONTENT_LENGTH_DIGITS) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
