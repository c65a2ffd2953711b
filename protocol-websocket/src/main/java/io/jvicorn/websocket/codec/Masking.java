package io.jvicorn.websocket.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** RFC 6455 §5.3 masking: XOR with a repeating 4-byte key, applied in place. */
final class Masking {

    private Masking() {
    }

    /**
     * Unmasks {@code length} bytes of {@code buffer} from absolute index {@code from}, eight bytes per step.
     *
     * @param buffer a writable buffer
     * @param from   the first byte
     * @param length how many bytes
     * @param key    the masking key, first key byte in the top bits
     * @param phase  which key byte applies to the first byte (0-3), as payload bytes before it were unmasked earlier
     * @return the phase for the byte after the last one
     */
    static int unmask(ByteBuffer buffer, int from, int length, int key, int phase) {
        int rotated = Integer.rotateLeft(key, 8 * phase);
        long wide = ((long) rotated << 32) | (rotated & 0xFFFF_FFFFL);
        if (buffer.order() == ByteOrder.LITTLE_ENDIAN) {
            wide = Long.reverseBytes(wide);
        }
        int i = from;
        int end = from + length;
        // An 8-byte step covers the key exactly twice, so the phase of the next byte does not change.
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            buffer.putLong(i, buffer.getLong(i) ^ wide);
        }
        for (int k = 0; i < end; i++, k++) {
            buffer.put(i, (byte) (buffer.get(i) ^ (rotated >>> (24 - 8 * (k & 3)))));
        }
        return (phase + length) & 3;
    }
}
