package io.jvicorn.http11.proxy;

import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address read from text without name resolution, accepting what Python's
 * {@code ipaddress.ip_address} accepts: four decimal octets without leading zeros, or up to eight hex groups with at
 * most one {@code ::} and an optional dotted IPv4 tail. An IPv6 zone ({@code %eth0}) is accepted and ignored. An
 * IPv4-mapped IPv6 address stays IPv6, so it never equals the IPv4 address, as in Python.
 *
 * @param v6   whether this is an IPv6 address
 * @param high the upper 64 bits of an IPv6 address; 0 for IPv4
 * @param low  the lower 64 bits of an IPv6 address, or the 32 bits of an IPv4 address
 */
record IpLiteral(boolean v6, long high, long low) {

    /**
     * Reads a whole string.
     *
     * @param text the candidate
     * @return the address, or null when {@code text} is not exactly an IP address literal
     */
    static @Nullable IpLiteral parse(String text) {
        return parse(text, 0, text.length());
    }

    /**
     * Reads {@code text[from, to)}.
     *
     * @param text the characters
     * @param from first index
     * @param to   index after the last
     * @return the address, or null when the range is not exactly an IP address literal
     */
    static @Nullable IpLiteral parse(String text, int from, int to) {
        int colon = indexOf(text, ':', from, to);
        if (colon < 0) {
            long v4 = parseV4(text, from, to);
            return v4 < 0 ? null : new IpLiteral(false, 0, v4);
        }
        int zone = indexOf(text, '%', from, to);
        if (zone >= 0) {
            if (zone == to - 1) {
                return null;
            }
            to = zone;
        }
        return parseV6(text, from, to);
    }

    /** @return the number of address bits, 32 or 128 */
    int bits() {
        return v6 ? 128 : 32;
    }

    /**
     * This address with every bit after the prefix cleared.
     *
     * @param prefix the number of leading bits kept, 0 to {@link #bits()}
     * @return the network address
     */
    IpLiteral masked(int prefix) {
        if (!v6) {
            long mask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
            return new IpLiteral(false, 0, low & mask);
        }
        long highMask = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
        long lowMask = prefix <= 64 ? 0 : -1L << (128 - prefix);
        return new IpLiteral(true, high & highMask, low & lowMask);
    }

    /** Four dotted decimal octets, each 0..255 without leading zeros; returns -1 for anything else. */
    static long parseV4(String text, int from, int to) {
        long value = 0;
        int i = from;
        for (int octets = 0; ; ) {
            int start = i;
            int octet = 0;
            while (i < to && isDigit(text.charAt(i))) {
                if (i - start == 3) {
                    return -1;
                }
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
            }
            // Python rejects leading zeros: "010" would be octal to inet_aton and decimal to others.
            if (i == start || octet > 255 || (i - start > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            value = value << 8 | octet;
            if (++octets == 4) {
                return i == to ? value : -1;
            }
            if (i >= to || text.charAt(i) != '.') {
                return -1;
            }
            i++;
        }
    }

    private static @Nullable IpLiteral parseV6(String text, int from, int to) {
        if (to - from < 2) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = from;
        if (text.startsWith("::", from)) {
            gap = 0;
            i = from + 2;
        } else if (text.charAt(from) == ':') {
            return null;
        }
        while (i < to) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 5 && hexValue(text.charAt(i)) >= 0) {
                value = value << 4 | hexValue(text.charAt(i));
                i++;
            }
            if (i < to && text.charAt(i) == '.') {
                // A dotted IPv4 tail fills the last two groups.
                long v4 = parseV4(text, start, to);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = to;
                break;
            }
            if (i == start || i - start > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == to) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < to && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == to) {
                return null; // a single trailing colon
            }
        }
        if (gap >= 0) {
            // "::" stands for at least one zero group, as in Python.
            if (count > 7) {
                return null;
            }
            int tail = count - gap;
            System.arraycopy(groups, gap, groups, 8 - tail, tail);
            for (int g = gap; g < 8 - tail; g++) {
                groups[g] = 0;
            }
        } else if (count != 8) {
            return null;
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = high << 16 | groups[g];
            low = low << 16 | groups[g + 4];
        }
        return new IpLiteral(true, high, low);
    }

    private static int indexOf(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
