package io.jvicorn.http11.codec;

/** Byte classification tables of RFC 9110 / RFC 3986, indexed by unsigned byte value. */
final class CharClasses {
    private CharClasses() {
    }

    /** tchar: the characters of a token (method, field name, transfer coding, chunk-ext name). */
    static final boolean[] TCHAR = new boolean[256];
    /** Hex digit values, -1 for other bytes. */
    static final int[] HEX = new int[256];

    static {
        for (int c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (int c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (int c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;

        java.util.Arrays.fill(HEX, -1);
        for (int c = '0'; c <= '9'; c++) HEX[c] = c - '0';
        for (int c = 'a'; c <= 'f'; c++) HEX[c] = c - 'a' + 10;
        for (int c = 'A'; c <= 'F'; c++) HEX[c] = c - 'A' + 10;
    }

    static boolean isToken(int c) {
        return TCHAR[c & 0xFF];
    }

    static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t';
    }

    /** ASCII case-insensitive comparison of s[from, to) with a lowercase word. */
    static boolean equalsLower(CharSequence s, int from, int to, String lowerWord) {
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
}
