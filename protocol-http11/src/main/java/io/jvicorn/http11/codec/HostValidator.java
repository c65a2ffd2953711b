package io.jvicorn.http11.codec;

import io.jvicorn.http.HttpSyntax;

/** Checks {@code uri-host [ ":" port ]} (RFC 3986 §3.2.2–3.2.3), as required of Host values and request authorities. */
final class HostValidator {
    private HostValidator() {
    }

    /** unreserved / sub-delims: the characters of a reg-name besides pct-encoded. */
    private static final boolean[] REG_NAME = new boolean[128];

    static {
        for (int c = '0'; c <= '9'; c++) REG_NAME[c] = true;
        for (int c = 'a'; c <= 'z'; c++) REG_NAME[c] = true;
        for (int c = 'A'; c <= 'Z'; c++) REG_NAME[c] = true;
        for (char c : "-._~!$&'()*+,;=".toCharArray()) REG_NAME[c] = true;
    }

    /**
     * Whether {@code s} is a host with an optional port: a reg-name or IPv4 address, or an IP literal in brackets,
     * then optionally ":" and at most five digits up to 65535. Userinfo ("@"), paths, spaces and an empty host before
     * a port are rejected. The empty string is not valid here; callers decide whether to allow it.
     */
    static boolean isValidAuthority(String s) {
        int len = s.length();
        if (len == 0) {
            return false;
        }
        int i;
        if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0 || !isIpLiteral(s, 1, close)) {
                return false;
            }
            i = close + 1;
        } else {
            i = 0;
            while (i < len) {
                char c = s.charAt(i);
                if (c == ':') {
                    break;
                }
                if (c == '%') {
                    if (i + 2 >= len || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                        return false;
                    }
                    i += 3;
                    continue;
                }
                if (c >= 128 || !REG_NAME[c]) {
                    return false;
                }
                i++;
            }
            if (i == 0) {
                return false;
            }
        }
        if (i == len) {
            return true;
        }
        return s.charAt(i) == ':' && isPort(s, i + 1, len);
    }

    /** Whether the authority has a non-empty port, i.e. looks like CONNECT's authority-form. */
    static boolean hasPort(String s) {
        int colon = s.lastIndexOf(':');
        return colon >= 0 && colon < s.length() - 1 && s.lastIndexOf(']') < colon;
    }

    private static boolean isPort(String s, int from, int to) {
        if (to - from > 5) {
            return false;
        }
        int port = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535;
    }

    /** IPv6address or IPvFuture between the brackets; checked for its alphabet, not its exact shape. */
    private static boolean isIpLiteral(String s, int from, int to) {
        if (from == to) {
            return false;
        }
        char first = s.charAt(from);
        if (first == 'v' || first == 'V') {
            int dot = s.indexOf('.', from);
            if (dot < 0 || dot >= to || dot == from + 1 || dot == to - 1) {
                return false;
            }
            for (int i = from + 1; i < dot; i++) {
                if (!isHex(s.charAt(i))) {
                    return false;
                }
            }
            for (int i = dot + 1; i < to; i++) {
                char c = s.charAt(i);
                if (c != ':' && (c >= 128 || !REG_NAME[c])) {
                    return false;
                }
            }
            return true;
        }
        boolean colon = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (c != '.' && !isHex(c)) {
                return false;
            }
        }
        return colon;
    }

    private static boolean isHex(char c) {
        return HttpSyntax.hexValue(c) >= 0;
    }
}
