package io.jvicorn.http11.proxy;

import org.jspecify.annotations.Nullable;

/**
 * A CIDR block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}.
 *
 * @param base   the network address, host bits cleared
 * @param prefix the number of leading bits that must match
 */
record IpNetwork(IpLiteral base, int prefix) {

    /**
     * Reads {@code address/prefix}; an IPv4 prefix may also be written as a netmask ({@code 10.0.0.0/255.0.0.0}).
     * Host bits after the prefix are cleared, as nginx and Python's {@code strict=False} do.
     *
     * @param text the entry
     * @return the network, or null when the part before the slash is not an IP address (then the entry is a literal
     *         such as a unix socket path)
     * @throws IllegalArgumentException when the address is an IP but the prefix is not valid for it
     */
    static @Nullable IpNetwork parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        IpLiteral address = IpLiteral.parse(text, 0, slash);
        if (address == null) {
            return null;
        }
        int prefix = prefixLength(text, slash + 1, address);
        if (prefix < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a network: the prefix after '/' must be 0.."
                    + address.bits() + (address.v6() ? "" : " or a netmask such as 255.255.0.0"));
        }
        return new IpNetwork(address.masked(prefix), prefix);
    }

    /**
     * Whether {@code address} is in this network; an address of the other IP version never is.
     *
     * @param address the address
     * @return true if the leading {@link #prefix} bits match
     */
    boolean contains(IpLiteral address) {
        return address.v6() == base.v6() && address.masked(prefix).equals(base);
    }

    private static int prefixLength(String text, int from, IpLiteral address) {
        int to = text.length();
        if (from == to || to - from > 15) {
            return -1;
        }
        boolean digits = true;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                digits = false;
                break;
            }
        }
        if (digits) {
            if (to - from > 3) {
                return -1;
            }
            int prefix = Integer.parseInt(text, from, to, 10);
            return prefix <= address.bits() ? prefix : -1;
        }
        if (address.v6()) {
            return -1;
        }
        long mask = IpLiteral.parseV4(text, from, to);
        if (mask < 0) {
            return -1;
        }
        int ones = Long.numberOfLeadingZeros(~mask & 0xFFFF_FFFFL) - 32;
        long expected = ones == 0 ? 0 : (0xFFFF_FFFFL << (32 - ones)) & 0xFFFF_FFFFL;
        return mask == expected ? ones : -1;
    }
}
