package io.jvicorn.http11.codec;

import io.jvicorn.http.HttpSyntax;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses {@code method SP request-target SP HTTP-version} (RFC 9112 §3) byte by byte as {@link HeadScanner} hands it
 * over, so that a request line is rejected at the first byte no valid line could contain (Jetty's {@code HttpParser}
 * does the same), not when the head completes. Each part is judged when the byte after it arrives: the method at its
 * SP, the target's form at its SP, each version byte as it comes. Results are left in fields for
 * {@link RequestHeadParser} to pick up, to avoid a holder object per request.
 *
 * <p>Positions are relative to the head's first byte: the line may be fed from the caller's buffer and then from a
 * copy of it.
 */
final class RequestLineParser {
    private static final String[] KNOWN_METHODS = {
            "GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT",
    };
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] SLASH = {'/'};
    private static final byte[] ASTERISK = {'*'};
    private static final byte[] HTTP_SLASH = {'H', 'T', 'T', 'P', '/'};

    // Parts of the line; VERSION + k expects the k-th byte of "HTTP/D.D", VERSION + 8 the CR.
    private static final int METHOD_START = 0;
    private static final int METHOD = 1;
    private static final int TARGET_START = 2;
    private static final int TARGET = 3;
    private static final int VERSION = 4;
    private static final int VERSION_END = VERSION + 8;

    private int state;
    private int start;
    private int targetStart;
    private int query;

    String method = "";
    HttpVersion version = HttpVersion.HTTP_1_1;
    TargetForm targetForm = TargetForm.ORIGIN;
    byte[] rawPath = EMPTY;
    byte[] queryString = EMPTY;
    /** The authority of an absolute-form target, else null. */
    @org.jspecify.annotations.Nullable String authority;

    /** Prepares for a line whose first byte is at {@code lineStart} (relative). */
    void begin(int lineStart) {
        state = METHOD_START;
        start = lineStart;
        query = -1;
        authority = null;
    }

    /**
     * Checks {@code b[base + from, base + to)}, the next bytes of the line, none of them CR, LF or another control
     * character but HTAB (HeadScanner stops at those).
     *
     * @throws ParseFailure at the first byte that no valid request line could contain: 400 for a malformed line, 505
     *                      at a version digit other than 1.0 and 1.1, 501 for CONNECT and authority form
     */
    void advance(byte[] b, int base, int from, int to) {
        int s = state;
        for (int i = from; i < to; i++) {
            int c = b[base + i] & 0xFF;
            switch (s) {
                case METHOD_START, METHOD -> {
                    if (HttpSyntax.isTchar(c)) {
                        s = METHOD;
                    } else if (c == ' ' && s == METHOD) {
                        method = method(b, base + start, base + i);
                        if (method.equals("CONNECT")) {
                            throw new ParseFailure(Violation.CONNECT_NOT_SUPPORTED);
                        }
                        s = TARGET_START;
                    } else {
                        throw new ParseFailure(Violation.INVALID_METHOD);
                    }
                }
                case TARGET_START, TARGET -> {
                    if (c == ' ') {
                        if (s == TARGET_START) {
                            throw new ParseFailure(Violation.EMPTY_TARGET);
                        }
                        target(b, base + targetStart, base + i, query < 0 ? -1 : base + query);
                        s = VERSION;
                        continue;
                    }
                    if (s == TARGET_START) {
                        targetStart = i;
                        s = TARGET;
                    }
                    if (c == '?' && query < 0) {
                        query = i;
                    } else if (c == '#') {
                        throw new ParseFailure(Violation.FRAGMENT_IN_TARGET);
                    } else if (c < 0x21 || c > 0x7E) {
                        throw new ParseFailure(Violation.INVALID_TARGET_CHARACTER);
                    }
                }
                default -> s = versionByte(s, c);
            }
        }
        state = s;
    }

    /**
     * The line's CR: the line must be complete.
     *
     * @throws ParseFailure when it ends inside the method, target or version
     */
    void end() {
        switch (state) {
            case METHOD_START, METHOD -> throw new ParseFailure(Violation.INVALID_METHOD);
            case TARGET_START -> throw new ParseFailure(Violation.EMPTY_TARGET);
            case TARGET -> throw new ParseFailure(Violation.MISSING_VERSION);
            case VERSION_END -> { }
            default -> throw new ParseFailure(Violation.INVALID_VERSION);
        }
    }

    /**
     * One byte of {@code HTTP/DIGIT.DIGIT}. A digit other than those of 1.0 and 1.1 is refused with 505 at once: the
     * version the client speaks is known from that byte (RFC 9110 §15.6.6), whatever follows it.
     */
    private int versionByte(int s, int c) {
        int k = s - VERSION;
        switch (k) {
            case 5 -> {
                if (c < '0' || c > '9') {
                    throw new ParseFailure(Violation.INVALID_VERSION);
                }
                if (c != '1') {
                    throw new ParseFailure(Violation.VERSION_NOT_SUPPORTED);
                }
            }
            case 6 -> {
                if (c != '.') {
                    throw new ParseFailure(Violation.INVALID_VERSION);
                }
            }
            case 7 -> {
                if (c < '0' || c > '9') {
                    throw new ParseFailure(Violation.INVALID_VERSION);
                }
                if (c > '1') {
                    throw new ParseFailure(Violation.VERSION_NOT_SUPPORTED);
                }
                version = c == '1' ? HttpVersion.HTTP_1_1 : HttpVersion.HTTP_1_0;
            }
            case 8 -> throw new ParseFailure(Violation.INVALID_VERSION); // anything but the CR
            default -> {
                if (c != HTTP_SLASH[k]) {
                    throw new ParseFailure(Violation.INVALID_VERSION);
                }
            }
        }
        return s + 1;
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

    /** Judges the form of the target {@code b[from, to)} (its first {@code ?} at {@code q}, or -1) once its SP is in. */
    private void target(byte[] b, int from, int to, int q) {
        if (b[from] == '/') {
            targetForm = TargetForm.ORIGIN;
            pathAndQuery(b, from, to, q);
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
                pathAndQuery(b, authorityEnd, to, q);
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

    private void pathAndQuery(byte[] b, int from, int to, int q) {
        int end = q < 0 ? to : q;
        rawPath = Arrays.copyOfRange(b, from, end);
        queryString = q < 0 ? EMPTY : Arrays.copyOfRange(b, q + 1, to);
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

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
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
