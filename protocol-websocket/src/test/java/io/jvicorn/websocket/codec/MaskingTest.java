package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Word-wise in-place unmasking equals the byte-wise definition for every length, offset, phase and buffer kind. */
class MaskingTest {

    @Test
    void matchesByteWiseXorEverywhere() {
        Random random = new Random(5);
        int key = 0x37fa213d;
        byte[] keyBytes = {0x37, (byte) 0xfa, 0x21, 0x3d};
        for (int length = 0; length <= 40; length++) {
            for (int offset = 0; offset < 9; offset++) {
                for (int phase = 0; phase < 4; phase++) {
                    for (int kind = 0; kind < 3; kind++) {
                        byte[] data = new byte[length + offset + 3];
                        random.nextBytes(data);
                        byte[] expected = data.clone();
                        for (int i = 0; i < length; i++) {
                            expected[offset + i] ^= keyBytes[(phase + i) & 3];
                        }
                        ByteBuffer buffer = switch (kind) {
                            case 0 -> ByteBuffer.allocate(data.length);
                            case 1 -> ByteBuffer.allocateDirect(data.length);
                            default -> ByteBuffer.allocate(data.length).order(ByteOrder.LITTLE_ENDIAN);
                        };
                        buffer.put(data).clear();
                        int next = Masking.unmask(buffer, offset, length, key, phase);
                        assertEquals((phase + length) & 3, next);
                        byte[] actual = new byte[data.length];
                        buffer.get(0, actual);
                        assertArrayEquals(expected, actual, "length " + length + " offset " + offset + " phase "
                                + phase + " kind " + kind);
                    }
                }
            }
        }
    }
}
