package io.jvicorn.http2.hpack;

import java.nio.ByteBuffer;

/**
 * Huffman coding of string literals (RFC 7541 §5.2, code of Appendix B), both ways.
 *
 * <p>Decoding walks four bits at a time through a table derived once from {@link HuffmanCode}: a state is an inner node
 * of the code tree, and each (state, nibble) entry gives the next state, the symbol completed on the way if any (codes
 * are at least 5 bits long, so at most one per nibble), and whether the walk hit EOS. A string may end only at the root
 * or on the all-ones path at most 7 bits deep (the padding is the start of EOS, shorter than a byte).
 */
final class Huffman {
    /** Inner nodes of the code tree: 257 leaves in a full binary tree. */
    private static final int STATES = 256;
    private static final int EMITS = 1 << 16;
    private static final int FAILS = 1 << 17;

    /**
     * Per (state << 4 | nibble): bits 0-7 the next state, 8-15 the symbol emitted, {@link #EMITS} and {@link #FAILS}.
     */
    private static final int[] TRANSITIONS = new int[STATES * 16];
    /** Per state: its depth when reached from the root by 1 bits only, else -1 (a padding candidate). */
    private static final int[] ONES_DEPTH = new int[STATES];

    static {
        // children[node * 2 + bit]: an inner node's id, or ~symbol for a leaf.
        int[] children = new int[STATES * 2];
        int nodes = 1;
        for (int symbol = 0; symbol <= HuffmanCode.EOS; symbol++) {
            int code = HuffmanCode.CODES[symbol];
            int length = HuffmanCode.LENGTHS[symbol];
            int node = 0;
            for (int i = length - 1; i > 0; i--) {
                int slot = node * 2 + ((code >>> i) & 1);
                if (children[slot] == 0) {
                    children[slot] = nodes++;
                }
                node = children[slot];
            }
            children[node * 2 + (code & 1)] = ~symbol;
        }
        java.util.Arrays.fill(ONES_DEPTH, -1);
        ONES_DEPTH[0] = 0;
        for (int node = 0; node < STATES; node++) { // a child's id is always above its parent's
            int ones = children[node * 2 + 1];
            if (ONES_DEPTH[node] >= 0 && ones > 0) {
                ONES_DEPTH[ones] = ONES_DEPTH[node] + 1;
            }
        }
        for (int state = 0; state < STATES; state++) {
            for (int nibble = 0; nibble < 16; nibble++) {
                int node = state;
                int entry = 0;
                for (int i = 3; i >= 0; i--) {
                    int next = children[node * 2 + ((nibble >>> i) & 1)];
                    if (next >= 0) {
                        node = next;
                    } else if (~next == HuffmanCode.EOS) {
                        entry |= FAILS;
                        break;
                    } else {
                        entry |= EMITS | (~next << 8);
                        node = 0;
                    }
                }
                TRANSITIONS[state << 4 | nibble] = entry | node;
            }
        }
    }

    private Huffman() {
    }

    /**
     * The Huffman-coded length of a string, in bytes.
     *
     * @param s ISO-8859-1 characters
     * @return the length, padding included
     * @throws IllegalArgumentException for a character above U+00FF
     */
    static long encodedLength(String s) {
        long bits = 0;
        for (int i = 0; i < s.length(); i++) {
            bits += HuffmanCode.LENGTHS[octet(s, i)];
        }
        return (bits + 7) >>> 3;
    }

    /**
     * Writes the Huffman code of a string, padded with the leading 1 bits of EOS.
     *
     * @param s   ISO-8859-1 characters
     * @param out room for {@link #encodedLength(String)} bytes
     */
    static void encode(String s, ByteBuffer out) {
        long pending = 0; // the low `bits` bits are not written yet
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            int symbol = octet(s, i);
            int length = HuffmanCode.LENGTHS[symbol];
            pending = (pending << length) | HuffmanCode.CODES[symbol];
            bits += length;
            while (bits >= 8) {
                bits -= 8;
                out.put((byte) (pending >>> bits));
            }
        }
        if (bits > 0) {
            out.put((byte) ((pending << (8 - bits)) | (0xFF >>> bits)));
        }
    }

    /**
     * Decodes {@code length} Huffman-coded bytes from the buffer's position.
     *
     * @param in     the coded bytes; its position moves past them
     * @param length how many bytes to decode (at most {@code in.remaining()})
     * @param out    receives the octets; at least {@code length * 8 / 5} long
     * @return how many octets were decoded
     * @throws HpackException for EOS in the string, or padding longer than 7 bits or not all ones
     */
    static int decode(ByteBuffer in, int length, byte[] out) throws HpackException {
        int state = 0;
        int n = 0;
        for (int i = 0; i < length; i++) {
            int b = in.get() & 0xFF;
            int t = TRANSITIONS[state << 4 | b >>> 4];
            if ((t & (EMITS | FAILS)) != 0) {
                if ((t & FAILS) != 0) {
                    throw new HpackException(HpackViolation.HUFFMAN_EOS);
                }
                out[n++] = (byte) (t >>> 8);
            }
            t = TRANSITIONS[(t & 0xFF) << 4 | b & 0x0F];
            if ((t & (EMITS | FAILS)) != 0) {
                if ((t & FAILS) != 0) {
                    throw new HpackException(HpackViolation.HUFFMAN_EOS);
                }
                out[n++] = (byte) (t >>> 8);
            }
            state = t & 0xFF;
        }
        if (ONES_DEPTH[state] < 0) {
            throw new HpackException(HpackViolation.HUFFMAN_PADDING_NOT_EOS);
        }
        if (ONES_DEPTH[state] > 7) {
            throw new HpackException(HpackViolation.HUFFMAN_PADDING_TOO_LONG);
        }
        return n;
    }

    /** The upper bound {@link #decode} needs for its output: the shortest code is 5 bits. */
    static int maxDecodedLength(int encodedLength) {
        return (int) (encodedLength * 8L / 5);
    }

    private static int octet(String s, int i) {
        char c = s.charAt(i);
        if (c > 0xFF) {
            throw new IllegalArgumentException("not an ISO-8859-1 character: U+" + Integer.toHexString(c));
        }
        return c;
    }
}
