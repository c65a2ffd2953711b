package io.jvicorn.http11.proxy;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Address text as Uvicorn shows it: IPv6 in RFC 5952 short form ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}); and whether
 * such text names the loopback.
 */
public final class AddressText {
    private AddressText() {
    }

    /**
     * Whether address text names this machine's loopback: {@code 127.0.0.0/8}, {@code ::1} or an IPv4-mapped
     * {@code ::ffff:127.x.x.x}. Read without name resolution; {@code localhost} and anything that is not an IP
     * literal is not.
     *
     * @param text an address as text, without brackets
     * @return whether it is a loopback address literal
     */
    public static boolean isLoopback(String text) {
        IpLiteral ip = IpLiteral.parse(text);
        if (ip == null) {
            return false;
        }
        if (!ip.v6()) {
            return (ip.low() >>> 24) == 127;
        }
        // ::1, or an IPv4-mapped 127.0.0.0/8 address (::ffff:127.0.0.1)
        return ip.high() == 0 && (ip.low() == 1 || (ip.low() >>> 32 == 0xFFFF && ((ip.low() >>> 24) & 0xFF) == 127));
    }

    /**
     * The address as text, IPv6 shortened.
     *
     * @param address an IPv4 or IPv6 address
     * @return dotted IPv4, or RFC 5952 IPv6 without brackets
     */
    public static String of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        // The longest run of two or more zero groups (the first if tied) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
