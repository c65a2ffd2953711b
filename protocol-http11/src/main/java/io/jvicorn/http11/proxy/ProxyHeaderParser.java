package io.jvicorn.http11.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sans-IO parser of one PROXY protocol header (haproxy's {@code proxy-protocol.txt}, versions 1 and 2), the bytes a
 * proxy such as HAProxy or an AWS network load balancer sends before anything else on a connection to say whom it
 * forwards. Bytes in, and once decided a {@link ProxyHeader} or a {@link ProxyRejection}; it reads exactly the header,
 * so what follows (a TLS handshake, a request) stays in the buffer.
 *
 * <p>Version 1 is a text line of at most 107 bytes: {@code PROXY TCP4|TCP6 src dst sport dport\r\n} or
 * {@code PROXY UNKNOWN ...\r\n}. Each byte is checked against the field it falls in as it arrives, an address or port
 * when its field ends. Version 2 is binary: a 12-byte signature, version and command, family and transport, a length,
 * the addresses (IPv4, IPv6 or unix socket paths) and type-length-values, of which PP2_TYPE_SSL (with its sub-TLVs),
 * PP2_TYPE_UNIQUE_ID and PP2_TYPE_CRC32C are checked; a CRC32C, if present, must match the header. LOCAL (a proxy's
 * health check) and AF_UNSPEC headers have no addresses: the connection's own stand, and their block is skipped as
 * the specification asks.
 *
 * <p>The result does not depend on how the bytes are split. Threads: one connection's, like any parser; the header
 * bytes are copied into a buffer of its own (at most {@code maxLength} bytes), so the caller's buffer may be reused
 * between calls.
 */
public final class ProxyHeaderParser {
    /** The longest v1 line, CRLF included. */
    public static final int V1_MAX_LENGTH = 107;
    /** The default bound of a v2 header: its 16 fixed bytes and 4080 of addresses and TLVs. */
    public static final int DEFAULT_MAX_LENGTH = 4096;
    private static final int V2_FIXED = 16;
    private static final int UNIX_PATH_BYTES = 108;
    private static final String[] V1_PROTOCOLS = {"TCP4", "TCP6", "UNKNOWN"};

    private final int maxLength;
    private byte[] buf = new byte[V2_FIXED];
    private int count;
    private @Nullable ProxyParse result;
    // v1: the field being read (0 the protocol, 1..4 addresses and ports), where it started, and what was learned
    private int field;
    private int fieldStart = ProxySignature.V1_BYTES.length;
    private boolean unknown;
    private boolean v6;
    private boolean cr;
    private @Nullable InetAddress v1Source;
    private @Nullable InetAddress v1Destination;
    private int v1SourcePort;
    private int v1DestinationPort;
    // v2: the whole header's length once its fixed part arrived
    private int v2Length;

    /** A parser with {@link #DEFAULT_MAX_LENGTH}. */
    public ProxyHeaderParser() {
        this(DEFAULT_MAX_LENGTH);
    }

    /**
     * @param maxLength the longest v2 header accepted, in bytes (at least 232, which unix socket addresses take);
     *                  v1 lines are bounded by {@link #V1_MAX_LENGTH} regardless
     */
    public ProxyHeaderParser(int maxLength) {
        if (maxLength < V2_FIXED + 2 * UNIX_PATH_BYTES) {
            throw new IllegalArgumentException("maxLength must be at least 232");
        }
        this.maxLength = maxLength;
    }

    /**
     * Reads header bytes from {@code in}.
     *
     * @param in bytes from position to limit; the header's are consumed, nothing after them
     * @return null while the header is incomplete (then every byte was consumed); else the header or the rejection,
     *         the same on every later call, which reads nothing more
     */
    public @Nullable ProxyParse next(ByteBuffer in) {
        while (result == null && in.hasRemaining()) {
            if (v2Length > 0) {
                int n = Math.min(in.remaining(), v2Length - count);
                in.get(buf, count, n);
                count += n;
                if (count == v2Length) {
                    result = ProxyV2Body.decode(buf, count);
                }
            } else {
                result = step(in.get());
            }
        }
        return result;
    }

    /** @return how many header bytes were read so far */
    public int bytesRead() {
        return count;
    }

    /** One byte of the signature, the v2 fixed part or the v1 line. */
    private @Nullable ProxyParse step(byte b) {
        buf[count++] = b;
        if (count <= ProxySignature.MAX_LENGTH) {
            ProxySignature signature = ProxySignature.of(buf, count);
            if (signature == ProxySignature.NONE) {
                return reject(ProxyViolation.NOT_A_PROXY_HEADER);
            }
            if (signature == ProxySignature.PARTIAL || signature == ProxySignature.V2) {
                return null; // V2: the fixed part follows
            }
            if (count == ProxySignature.V1_BYTES.length) {
                buf = java.util.Arrays.copyOf(buf, V1_MAX_LENGTH);
                return null;
            }
        }
        return buf[0] == 'P' ? v1(b) : v2Fixed(b);
    }

    /** Bytes 13 to 16 of a v2 header: version and command, family and transport, length. */
    private @Nullable ProxyParse v2Fixed(byte b) {
        switch (count) {
            case 13 -> {
                if ((b & 0xF0) != 0x20) {
                    return reject(ProxyViolation.V2_UNSUPPORTED_VERSION);
                }
                if ((b & 0x0F) > 1) {
                    return reject(ProxyViolation.V2_INVALID_COMMAND);
                }
            }
            case 14 -> {
                if ((b & 0xF0) > 0x30 || (b & 0x0F) > 2) {
                    return reject(ProxyViolation.V2_INVALID_FAMILY);
                }
            }
            case 16 -> {
                int length = V2_FIXED + ((buf[14] & 0xFF) << 8 | (b & 0xFF));
                if (length > maxLength) {
                    return reject(ProxyViolation.V2_TOO_LONG);
                }
                boolean proxy = (buf[12] & 0x0F) == 1;
                if (proxy && length - V2_FIXED < ProxyV2Body.addressBytes(buf[13] >> 4 & 0x0F)) {
                    return reject(ProxyViolation.V2_ADDRESSES_TRUNCATED);
                }
                if (length == V2_FIXED) {
                    return ProxyV2Body.decode(buf, count);
                }
                buf = java.util.Arrays.copyOf(buf, length);
                v2Length = length;
            }
            default -> {
                // byte 15: the length's high byte, checked with the low one
            }
        }
        return null;
    }

    /** One byte of a v1 line after {@code "PROXY "}. */
    private @Nullable ProxyParse v1(byte b) {
        if (cr) {
            return b == '\n' ? v1Header() : reject(ProxyViolation.V1_INVALID_LINE_END);
        }
        if (b == '\n') {
            return reject(ProxyViolation.V1_INVALID_LINE_END);
        }
        if (count == V1_MAX_LENGTH) {
            return reject(ProxyViolation.V1_TOO_LONG); // the last byte may only be the LF
        }
        if (unknown) {
            cr = b == '\r'; // anything up to CRLF is ignored
            return null;
        }
        if (b == ' ' || b == '\r') {
            cr = b == '\r';
            return endField(b == '\r');
        }
        return v1Character(b);
    }

    /** Whether {@code b} may appear in the current field; a protocol is checked against the known ones as it grows. */
    private @Nullable ProxyParse v1Character(byte b) {
        int length = count - fieldStart;
        switch (field) {
            case 0 -> {
                for (String protocol : V1_PROTOCOLS) {
                    if (length <= protocol.length() && protocol.regionMatches(0, text(fieldStart, count), 0, length)) {
                        return null;
                    }
                }
                return reject(b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' ? ProxyViolation.V1_UNKNOWN_PROTOCOL
                        : ProxyViolation.V1_INVALID_CHARACTER);
            }
            case 1, 2 -> {
                boolean ok = b >= '0' && b <= '9' || b == '.'
                        || v6 && (b == ':' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F');
                return ok ? null : reject(ProxyViolation.V1_INVALID_CHARACTER);
            }
            case 3, 4 -> {
                if (b < '0' || b > '9') {
                    return reject(ProxyViolation.V1_INVALID_CHARACTER);
                }
                if (length > 5 || length == 2 && buf[fieldStart] == '0') {
                    return reject(ProxyViolation.V1_INVALID_PORT);
                }
                return null;
            }
            default -> {
                return reject(ProxyViolation.V1_WRONG_FIELD_COUNT);
            }
        }
    }

    /** A SP or CR ended the current field (the separator is the last byte read). */
    private @Nullable ProxyParse endField(boolean lineEnds) {
        int end = count - 1;
        if (end == fieldStart) {
            return reject(lineEnds && field == 4 ? ProxyViolation.V1_WRONG_FIELD_COUNT
                    : ProxyViolation.V1_INVALID_CHARACTER);
        }
        switch (field) {
            case 0 -> {
                String protocol = text(fieldStart, end);
                if (protocol.equals("UNKNOWN")) {
                    unknown = true;
                    return null;
                }
                if (!protocol.equals("TCP4") && !protocol.equals("TCP6")) {
                    return reject(ProxyViolation.V1_UNKNOWN_PROTOCOL);
                }
                v6 = protocol.equals("TCP6");
            }
            case 1, 2 -> {
                InetAddress address = address(fieldStart, end);
                if (address == null) {
                    return reject(ProxyViolation.V1_INVALID_ADDRESS);
                }
                if (field == 1) {
                    v1Source = address;
                } else {
                    v1Destination = address;
                }
            }
            case 3, 4 -> {
                int port = Integer.parseInt(text(fieldStart, end));
                if (port > 65535) {
                    return reject(ProxyViolation.V1_INVALID_PORT);
                }
                if (field == 3) {
                    v1SourcePort = port;
                } else {
                    v1DestinationPort = port;
                }
            }
            default -> {
                return reject(ProxyViolation.V1_WRONG_FIELD_COUNT);
            }
        }
        if (lineEnds != (field == 4)) {
            return reject(ProxyViolation.V1_WRONG_FIELD_COUNT);
        }
        field++;
        fieldStart = count;
        return null;
    }

    private ProxyParse v1Header() {
        if (unknown) {
            return new ProxyHeader(1, true, null, null, List.of(), null);
        }
        return new ProxyHeader(1, false, new InetSocketAddress(v1Source, v1SourcePort),
                new InetSocketAddress(v1Destination, v1DestinationPort), List.of(), null);
    }

    /** An IP literal of the line's family, read without name resolution; null if it is not one. */
    private @Nullable InetAddress address(int from, int to) {
        IpLiteral ip = IpLiteral.parse(text(from, to));
        if (ip == null || ip.v6() != v6) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.allocate(v6 ? 16 : 4);
        if (v6) {
            bytes.putLong(ip.high()).putLong(ip.low());
        } else {
            bytes.putInt((int) ip.low());
        }
        try {
            return InetAddress.getByAddress(bytes.array());
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are an address", e);
        }
    }

    private String text(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static ProxyParse reject(ProxyViolation violation) {
        return new ProxyRejection(violation);
    }
}
