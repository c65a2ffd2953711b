package io.jvicorn.websocket.codec;

/** Writes server-to-client frame headers (RFC 6455 §5.2): unmasked, with the shortest length encoding. */
final class FrameEncoder {

    /** FIN, RSV1..3 and the opcode, then the length: 1 byte, or 3 with a 16-bit, or 9 with a 64-bit extension. */
    static final int LARGEST_HEADER = 10;

    private FrameEncoder() {
    }

    /**
     * Writes a frame header.
     *
     * @param dst           at least {@link #LARGEST_HEADER} bytes
     * @param fin           whether this is the final frame of the message
     * @param rsv1          whether the message is compressed (first frame only)
     * @param opcode        the opcode
     * @param payloadLength the payload length
     * @return the header length: 2, 4 or 10
     */
    static int writeHeader(byte[] dst, boolean fin, boolean rsv1, int opcode, int payloadLength) {
        dst[0] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        if (payloadLength < 126) {
            dst[1] = (byte) payloadLength;
            return 2;
        }
        if (payloadLength < 65536) {
            dst[1] = 126;
            dst[2] = (byte) (payloadLength >>> 8);
            dst[3] = (byte) payloadLength;
            return 4;
        }
        dst[1] = 127;
        // Java arrays stay below 2^31, so the top four length bytes are zero.
        dst[2] = 0;
        dst[3] = 0;
        dst[4] = 0;
        dst[5] = 0;
        dst[6] = (byte) (payloadLength >>> 24);
        dst[7] = (byte) (payloadLength >>> 16);
        dst[8] = (byte) (payloadLength >>> 8);
        dst[9] = (byte) payloadLength;
        return 10;
    }
}
