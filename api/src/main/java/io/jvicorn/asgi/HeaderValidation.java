package io.jvicorn.asgi;

import io.jvicorn.http.HttpSyntax;

/** The checks of messages, with messages that say what is wrong; the character sets are {@link HttpSyntax}'s. */
final class HeaderValidation {
    private HeaderValidation() {
    }

    static void requireToken(String s, String what) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        int bad = HttpSyntax.tokenEnd(s, 0, s.length());
        if (bad < s.length()) {
            throw new IllegalArgumentException(what + " '" + printable(s) + "' contains a character that is not allowed in a token at index " + bad);
        }
    }

    static void requireFieldValue(String s, String name) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (HttpSyntax.isFieldValueChar(c)) {
                continue;
            }
            if (c > 0xFF) {
                throw new IllegalArgumentException("value of header '" + name + "' has a character above U+00FF at index " + i + "; encode it to bytes first");
            }
            throw new IllegalArgumentException("value of header '" + name + "' contains control character 0x" + Integer.toHexString(c) + " at index " + i);
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
