package io.jvicorn.http11.codec;

import io.jvicorn.http.HttpSyntax;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses {@code method SP request-target SP HTTP-version} (RFC 9112 §3) from a line that {@link HeadScanner} has
 * delimited. Results are left in fields for {@link RequestHeadParser} to pick up, to avoid a holder object per request.
 */
final class RequestLineParser {
    private static final String[] KNOWN_METHODS = {
            "GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT",
    };
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] SLASH = {'/'};
    private static final byte[] ASTERISK = {'*'};

    String method = "";
    HttpVersion version = HttpVersion.HTTP_1_1;
    TargetForm targetForm = TargetForm.ORIGIN;
    byte[] rawPath = EMPTY;
    byte[] queryString = EMPTY;
    /** The authority of an absolute-form target, else null. */
    @org.jspecify.annotations.Nullable String authority;

    /**
     * Parses {@code b[from, to)}, where {@code to} is the index of the line's CR.
     *
     * @throws ParseFailure 400 for malformed lines, 505 for other HTTP versions, 501 for CONNECT and authority form
     */
    void parse(byte[] b, int from, int to) {
        int i = from;
        while (i < to && HttpSyntax.isTchar(b[i] & 0xFF)) {
            i++;
        }
        if (i == from || i == to || b[i] != ' ') {
            throw new ParseFailure(Violation.INVALID_METHOD);
        }
        method = method(b, from, i);
        int targetStart = i + 1;
        int targetEnd = targetStart;
        while (targetEnd < to) {
            int c = b[targetEnd] & 0xFF;
            if (c == ' ') {
                break;
            }
            if (c < 0x21 || c > 0x7E) {
                throw new ParseFailure(Violation.INVALID_TARGET_CHARACTER);
            }
            if (c == '#') {
                throw new ParseFailure(Violation.FRAGMENT_IN_TARGET);
            }
            targetEnd++;
        }
        if (targetEnd == targetStart) {
            throw new ParseFailure(Violation.EMPTY_TARGET);
        }
        if (targetEnd == to) {
            throw new ParseFailure(Violation.MISSING_VERSION);
        }
        version = version(b, targetEnd + 1, to);
        if (method.equals("CONNECT")) {
            throw new ParseFailure(Violation.CONNECT_NOT_SUPPORTED);
        }
        target(b, targetStart, targetEnd);
    }

    private static String method(byte[] b, int from, int to) {
        int len = to - from;
        for (String known : KNOWN_METHODS) {
            if (known.length() == len && sameAscii(known, b, from)) {
                return known;
            }
        }
        return new String(b, from, len, StandardCharsets.ISO_8859_1);
    }

    private static boolean sameAscii(String s, byte[] b, int from) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) != b[from + k]) {
                return false;
            }
        }
        return true;
    }

    private static HttpVersion version(byte[] b, int from, int to) {
        if (to - from == 8 && b[from] == 'H' && b[from + 1] == 'T' && b[from + 2] == 'T' && b[from + 3] == 'P'
                && b[from + 4] == '/' && isDigit(b[from + 5]) && b[from + 6] == '.' && isDigit(b[from + 7])) {
            if (b[from + 5] == '1') {
                if (b[from + 7] == '1') {
                    return HttpVersion.HTTP_1_1;
                }
                if (b[from + 7] == '0') {
                    return HttpVersion.HTTP_1_0;
                }
            }
            throw new ParseFailure(Violation.VERSION_NOT_SUPPORTED);
        }
        throw new ParseFailure(Violation.INVALID_VERSION);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private void target(byte[] b, int from, int to) {
        authority = null;
        if (b[from] == '/') {
            targetForm = TargetForm.ORIGIN;
            pathAndQuery(b, from, to);
            return;
        }
        if (to - from == 1 && b[from] == '*') {
            if (!method.equals("OPTIONS")) {
                throw new ParseFailure(Violation.ASTERISK_FORM_WITHOUT_OPTIONS);
            }
            targetForm = TargetForm.ASTERISK;
            rawPath = ASTERISK;
            queryString = EMPTY;
            return;
        }
        int schemeEnd = schemeEnd(b, from, to);
        if (schemeEnd > 0) {
            if (!isHttpScheme(b, from, schemeEnd)) {
                throw new ParseFailure(Violation.UNSUPPORTED_SCHEME);
            }
            int authorityStart = schemeEnd + 3;
            int authorityEnd = authorityStart;
            while (authorityEnd < to && b[authorityEnd] != '/' && b[authorityEnd] != '?') {
                authorityEnd++;
            }
            String a = new String(b, authorityStart, authorityEnd - authorityStart, StandardCharsets.ISO_8859_1);
            if (!HostValidator.isValidAuthority(a)) {
                throw new ParseFailure(Violation.INVALID_TARGET_AUTHORITY);
            }
            authority = a;
            targetForm = TargetForm.ABSOLUTE;
            if (authorityEnd < to && b[authorityEnd] == '/') {
                pathAndQuery(b, authorityEnd, to);
            } else {
                rawPath = SLASH;
                queryString = authorityEnd < to ? Arrays.copyOfRange(b, authorityEnd + 1, to) : EMPTY;
            }
            return;
        }
        String a = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        if (HostValidator.isValidAuthority(a) && HostValidator.hasPort(a)) {
            throw new ParseFailure(Violation.AUTHORITY_FORM_NOT_SUPPORTED);
        }
        throw new ParseFailure(Violation.INVALID_TARGET);
    }

    private void pathAndQuery(byte[] b, int from, int to) {
        int q = from;
        while (q < to && b[q] != '?') {
            q++;
        }
        rawPath = Arrays.copyOfRange(b, from, q);
        queryString = q < to ? Arrays.copyOfRange(b, q + 1, to) : EMPTY;
    }

    /** The index of ":" in a leading {@code scheme "://"}, or -1 (RFC 3986 §3.1 scheme syntax). */
    private static int schemeEnd(byte[] b, int from, int to) {
        int i = from;
        if (!isAlpha(b[i])) {
            return -1;
        }
        while (i < to && (isAlpha(b[i]) || isDigit(b[i]) || b[i] == '+' || b[i] == '-' || b[i] == '.')) {
            i++;
        }
        if (to - i >= 3 && b[i] == ':' && b[i + 1] == '/' && b[i + 2] == '/') {
            return i;
        }
        return -1;
    }

    private static boolean isAlpha(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHttpScheme(byte[] b, int from, int to) {
        int len = to - from;
        if (len != 4 && len != 5) {
            return false;
        }
        String word = len == 4 ? "http" : "https";
        for (int k = 0; k < len; k++) {
            if (HttpSyntax.lower(b[from + k]) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
