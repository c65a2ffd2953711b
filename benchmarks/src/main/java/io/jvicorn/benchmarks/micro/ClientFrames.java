package io.jvicorn.benchmarks.micro;

import io.jvicorn.websocket.codec.OutboundFrame;
import java.nio.ByteBuffer;

/** Builds masked client-to-server frames, as a browser would send them, for the decoding benchmarks. */
final class ClientFrames {
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;

    private ClientFrames() {
    }

    /**
     * A final, masked frame.
     *
     * @param opcode  the opcode
     * @param payload the unmasked payload
     * @param mask    the masking key
     * @return the frame's bytes
     */
    static byte[] masked(int opcode, byte[] payload, int mask) {
        ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
        write((byte) (0x80 | opcode), payload, 0, payload.length, mask, frame);
        byte[] bytes = new byte[frame.flip().remaining()];
        frame.get(bytes);
        return bytes;
    }

    /**
     * Re-encodes a server frame as the client would have sent it: same first byte (FIN, RSV1, opcode), masked
     * payload.
     *
     * @param frame the server's frame
     * @param mask  the masking key
     * @param dst   cleared, filled and flipped
     */
    static void masked(OutboundFrame frame, int mask, ByteBuffer dst) {
        dst.clear();
        ByteBuffer payload = frame.payload();
        write(frame.header().get(0), payload.array(), payload.arrayOffset() + payload.position(), payload.remaining(),
                mask, dst);
        dst.flip();
    }

    private static void write(byte first, byte[] payload, int offset, int length, int mask, ByteBuffer dst) {
        dst.put(first);
        if (length < 126) {
            dst.put((byte) (0x80 | length));
        } else if (length <= 0xFFFF) {
            dst.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            dst.put((byte) (0x80 | 127)).putLong(length);
        }
        dst.putInt(mask);
        for (int i = 0; i < length; i++) {
            dst.put((byte) (payload[offset + i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
    }
}
