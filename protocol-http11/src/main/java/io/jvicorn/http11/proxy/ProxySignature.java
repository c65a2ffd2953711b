package io.jvicorn.http11.proxy;

import java.nio.ByteBuffer;

/**
 * How the first bytes of a connection compare with the two PROXY protocol signatures: v1's {@code "PROXY "} and v2's
 * twelve bytes {@code \r\n\r\n\0\r\nQUIT\n}. Neither can start an HTTP request or a TLS record, so a connection can be
 * told apart from its first bytes alone.
 */
public enum ProxySignature {
    /** The bytes start with {@code "PROXY "}. */
    V1,
    /** The bytes start with the v2 signature. */
    V2,
    /** The bytes so far are the start of a signature: more are needed to decide. */
    PARTIAL,
    /** The bytes cannot start a PROXY header. */
    NONE;

    static final byte[] V1_BYTES = {'P', 'R', 'O', 'X', 'Y', ' '};
    static final byte[] V2_BYTES = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** The longest signature: bytes beyond it never change the answer. */
    public static final int MAX_LENGTH = V2_BYTES.length;

    /**
     * Compares the first bytes of a connection.
     *
     * @param bytes  what arrived first
     * @param length how many of them to look at
     * @return the signature they start with, {@link #PARTIAL} if too few to tell, {@link #NONE} at the first byte that
     *         differs from both
     */
    public static ProxySignature of(byte[] bytes, int length) {
        return of(ByteBuffer.wrap(bytes, 0, length));
    }

    /**
     * Compares the remaining bytes of a buffer, without moving its position.
     *
     * @param in the bytes that arrived first
     * @return as {@link #of(byte[], int)}
     */
    public static ProxySignature of(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return PARTIAL;
        }
        byte[] signature = in.get(in.position()) == V1_BYTES[0] ? V1_BYTES : V2_BYTES;
        int n = Math.min(in.remaining(), signature.length);
        for (int i = 0; i < n; i++) {
            if (in.get(in.position() + i) != signature[i]) {
                return NONE;
            }
        }
        if (n < signature.length) {
            return PARTIAL;
        }
        return signature == V1_BYTES ? V1 : V2;
    }
}
