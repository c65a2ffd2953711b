package io.jvicorn.http11.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The variable part of a complete PROXY v2 header, whose fixed 16 bytes {@link ProxyHeaderParser} has checked: the
 * addresses of its family, then the type-length-values.
 */
final class ProxyV2Body {
    private static final int FIXED = 16;
    private static final int AF_INET = 1;
    private static final int AF_INET6 = 2;
    private static final int AF_UNIX = 3;
    private static final int UNIX_PATH_BYTES = 108;
    private static final int SSL_FIXED = 5;
    private static final int UNIQUE_ID_MAX = 128;
    private static final int SUBTYPE_SSL_VERSION = 0x21;
    private static final int SUBTYPE_SSL_CN = 0x22;
    private static final int SUBTYPE_SSL_CIPHER = 0x23;
    private static final int SUBTYPE_SSL_SIG_ALG = 0x24;
    private static final int SUBTYPE_SSL_KEY_ALG = 0x25;

    private ProxyV2Body() {
    }

    /**
     * @param family the address family nibble
     * @return the bytes its source and destination addresses take: 12, 36 or 216; 0 for AF_UNSPEC
     */
    static int addressBytes(int family) {
        return switch (family) {
            case AF_INET -> 12;
            case AF_INET6 -> 36;
            case AF_UNIX -> 2 * UNIX_PATH_BYTES;
            default -> 0;
        };
    }

    /**
     * @param header the whole header, its fixed part already checked
     * @param length its length
     * @return the header, or the rejection of its TLVs
     */
    static ProxyParse decode(byte[] header, int length) {
        int family = header[13] >> 4 & 0x0F;
        boolean local = (header[12] & 0x0F) == 0 || family == 0;
        if (local) {
            // LOCAL, or a family the proxy could not name: the block is discarded and the connection's endpoints stand.
            return new ProxyHeader(2, true, null, null, List.of(), null);
        }
        int at = FIXED;
        SocketAddress source;
        SocketAddress destination;
        if (family == AF_UNIX) {
            source = unixPath(header, at);
            destination = unixPath(header, at + UNIX_PATH_BYTES);
        } else {
            int size = family == AF_INET ? 4 : 16;
            int ports = at + 2 * size;
            source = new InetSocketAddress(ip(header, at, size), u16(header, ports));
            destination = new InetSocketAddress(ip(header, at + size, size), u16(header, ports + 2));
        }
        at += addressBytes(family);
        List<ProxyHeader.Tlv> tlvs = new ArrayList<>();
        ProxyHeader.Ssl ssl = null;
        int crcAt = -1;
        while (at < length) {
            if (length - at < 3 || length - at - 3 < u16(header, at + 1)) {
                return new ProxyRejection(ProxyViolation.V2_TLV_TRUNCATED);
            }
            int type = header[at] & 0xFF;
            int size = u16(header, at + 1);
            int value = at + 3;
            switch (type) {
                case ProxyHeader.TYPE_CRC32C -> {
                    if (size != 4 || crcAt >= 0) {
                        return new ProxyRejection(ProxyViolation.V2_INVALID_CRC32C_TLV);
                    }
                    crcAt = value;
                }
                case ProxyHeader.TYPE_UNIQUE_ID -> {
                    if (size > UNIQUE_ID_MAX) {
                        return new ProxyRejection(ProxyViolation.V2_UNIQUE_ID_TOO_LONG);
                    }
                }
                case ProxyHeader.TYPE_SSL -> {
                    ssl = ssl(header, value, value + size);
                    if (ssl == null) {
                        return new ProxyRejection(ProxyViolation.V2_SSL_TLV_TRUNCATED);
                    }
                }
                default -> {
                    // kept as they are: ALPN, AUTHORITY, NOOP, NETNS, custom and future types
                }
            }
            tlvs.add(new ProxyHeader.Tlv(type, Arrays.copyOfRange(header, value, value + size)));
            at = value + size;
        }
        if (crcAt >= 0 && crc32c(header, length, crcAt) != u32(header, crcAt)) {
            return new ProxyRejection(ProxyViolation.V2_CRC32C_MISMATCH);
        }
        return new ProxyHeader(2, false, source, destination, tlvs, ssl);
    }

    /** PP2_TYPE_SSL's value in {@code [from, to)}; null when shorter than its fixed part or a sub-TLV overruns it. */
    private static ProxyHeader.@Nullable Ssl ssl(byte[] header, int from, int to) {
        if (to - from < SSL_FIXED) {
            return null;
        }
        int client = header[from] & 0xFF;
        long verify = u32(header, from + 1);
        String[] texts = new String[5];
        int at = from + SSL_FIXED;
        while (at < to) {
            if (to - at < 3 || to - at - 3 < u16(header, at + 1)) {
                return null;
            }
            int type = header[at] & 0xFF;
            int size = u16(header, at + 1);
            if (type >= SUBTYPE_SSL_VERSION && type <= SUBTYPE_SSL_KEY_ALG) {
                texts[type - SUBTYPE_SSL_VERSION] = new String(header, at + 3, size, StandardCharsets.UTF_8);
            }
            at += 3 + size;
        }
        return new ProxyHeader.Ssl(client, verify, texts[SUBTYPE_SSL_VERSION - SUBTYPE_SSL_VERSION],
                texts[SUBTYPE_SSL_CN - SUBTYPE_SSL_VERSION], texts[SUBTYPE_SSL_CIPHER - SUBTYPE_SSL_VERSION],
                texts[SUBTYPE_SSL_SIG_ALG - SUBTYPE_SSL_VERSION], texts[SUBTYPE_SSL_KEY_ALG - SUBTYPE_SSL_VERSION]);
    }

    /** The header's CRC32C (RFC 4960 appendix B) with the 4 bytes at {@code crcAt} taken as zeros. */
    private static long crc32c(byte[] header, int length, int crcAt) {
        CRC32C crc = new CRC32C();
        crc.update(header, 0, crcAt);
        crc.update(new byte[4], 0, 4);
        crc.update(header, crcAt + 4, length - crcAt - 4);
        return crc.getValue();
    }

    /** A 108-byte socket path up to its first NUL; null when empty (an unnamed or abstract socket). */
    private static @Nullable SocketAddress unixPath(byte[] header, int from) {
        int end = from;
        while (end < from + UNIX_PATH_BYTES && header[end] != 0) {
            end++;
        }
        if (end == from) {
            return null;
        }
        return UnixDomainSocketAddress.of(new String(header, from, end - from, StandardCharsets.UTF_8));
    }

    private static InetAddress ip(byte[] header, int from, int size) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(header, from, from + size));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are an address", e);
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at) {
        return (long) u16(b, at) << 16 | u16(b, at + 2);
    }
}
