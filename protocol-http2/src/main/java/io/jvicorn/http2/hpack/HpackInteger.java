package io.jvicorn.http2.hpack;

import java.nio.ByteBuffer;

/**
 * Integers with an N-bit prefix (RFC 7541 §5.1): the value in the low bits of the first byte when it fits, else all
 * ones there and the rest in 7-bit groups, least significant first. Values are limited to 31 bits.
 */
final class HpackInteger {
    /** Continuation bytes enough for 2^31-1 with any prefix (7 bits each, the fifth carrying the top bits). */
    private static final int MAX_CONTINUATION_BYTES = 5;

    private HpackInteger() {
    }

    /**
     * Reads the rest of an integer whose first byte has been read.
     *
     * @param first      the first byte, unsigned
     * @param prefixBits N, 1 to 8
     * @param in         the continuation bytes, from its position
     * @return the value, 0 to 2^31-1
     * @throws HpackException when the block ends inside it, it overflows 31 bits, or it has too many bytes
     */
    static int decode(int first, int prefixBits, ByteBuffer in) throws HpackException {
        int max = (1 << prefixBits) - 1;
        int prefix = first & max;
        if (prefix < max) {
            return prefix;
        }
        long value = max;
        for (int i = 0; i < MAX_CONTINUATION_BYTES; i++) {
            if (!in.hasRemaining()) {
                throw new HpackException(HpackViolation.TRUNCATED_INTEGER);
            }
            int b = in.get();
            value += (long) (b & 0x7F) << (7 * i);
            if (value > Integer.MAX_VALUE) {
                throw new HpackException(HpackViolation.INTEGER_OVERFLOW);
            }
            if ((b & 0x80) == 0) {
                return (int) value;
            }
        }
        throw new HpackException(HpackViolation.INTEGER_TOO_LONG);
    }

    /**
     * Writes an integer.
     *
     * @param flags      the bits of the first byte above the prefix
     * @param prefixBits N, 1 to 8
     * @param value      0 or more
     * @param out        room for {@link #length(int, int)} bytes
     */
    static void encode(int flags, int prefixBits, int value, ByteBuffer out) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.put((byte) (flags | value));
            return;
        }
        out.put((byte) (flags | max));
        int rest = value - max;
        while (rest >= 0x80) {
            out.put((byte) (rest | 0x80));
            rest >>>= 7;
        }
        out.put((byte) rest);
    }

    /**
     * How many bytes {@link #encode} writes.
     *
     * @param prefixBits N
     * @param value      0 or more
     * @return 1 to 6
     */
    static int length(int prefixBits, int value) {
        int rest = value - ((1 << prefixBits) - 1);
        int n = 1;
        if (rest >= 0) {
            n++;
            for (; rest >= 0x80; rest >>>= 7) {
                n++;
            }
        }
        return n;
    }
}
