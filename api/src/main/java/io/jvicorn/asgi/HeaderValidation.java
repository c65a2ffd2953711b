package io.jvicorn.asgi;

/** Checks shared by messages: RFC 9110 tokens and field values. */
final class HeaderValidation {
    private HeaderValidation() {
    }

    /** tchar per RFC 9110 §5.6.2, indexed by byte value. */
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
    }

    static void requireToken(String s, String what) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TCHAR[c]) {
                throw new IllegalArgumentException(what + " '" + printable(s) + "' contains a character that is not allowed in a token at index " + i);
            }
        }
    }

    static void requireFieldValue(String s, String name) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException("value of header '" + name + "' has a character above U+00FF at index " + i + "; encode it to bytes first");
            }
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                throw new IllegalArgumentException("value of header '" + name + "' contains control character 0x" + Integer.toHexString(c) + " at index " + i);
            }
        }
    }

    static void requireStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status " + status + " is outside 100..599");
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                b.append("\\x").append(String.format("%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
