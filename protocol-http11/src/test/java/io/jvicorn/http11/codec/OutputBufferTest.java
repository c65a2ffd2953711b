package io.jvicorn.http11.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputBufferTest {
    private final OutputBuffer out = new OutputBuffer();

    private static String drain(ByteBuffer[] buffers) {
        StringBuilder s = new StringBuilder();
        for (ByteBuffer b : buffers) {
            while (b.hasRemaining()) {
                s.append((char) (b.get() & 0xFF));
            }
        }
        return s.toString();
    }

    @Test
    void emptyBuffer() {
        assertTrue(out.isEmpty());
        assertEquals(0, out.size());
        assertEquals(0, out.buffers().length);
        assertEquals(0, out.toByteArray().length);
        assertFalse(out.hasRemaining());
    }

    @Test
    void smallWritesAreCopiedIntoOneArray() {
        byte[] part = "abc".getBytes(StandardCharsets.ISO_8859_1);
        out.write(part);
        part[0] = 'X';
        out.writeAscii("de");
        out.write("-fgh-".getBytes(StandardCharsets.ISO_8859_1), 1, 3);
        out.writeDecimal(1234567890123L);
        out.writeHex(0xAbcL);
        assertEquals(3 + 2 + 3 + 13 + 3, out.size());
        ByteBuffer[] buffers = out.buffers();
        assertEquals(1, buffers.length);
        assertEquals("abcdefgh1234567890123abc", drain(buffers));
    }

    @Test
    void largeArraysAreReferencedInOrder() {
        byte[] large = new byte[OutputBuffer.COPY_THRESHOLD];
        java.util.Arrays.fill(large, (byte) 'L');
        out.writeAscii("head");
        out.write(large);
        out.writeAscii("tail");
        ByteBuffer[] buffers = out.buffers();
        assertEquals(3, buffers.length);
        assertSame(large, buffers[1].array());
        assertEquals("head" + "L".repeat(1024) + "tail", drain(buffers));
        assertEquals(1032, out.size());
    }

    @Test
    void appendedSpaceIsFilledByTheCallerInPlace() {
        out.writeAscii("head:");
        ByteBuffer space = out.append(3000); // grows the copy area: earlier bytes move with it
        assertEquals(3000, space.remaining());
        while (space.hasRemaining()) {
            space.put((byte) 'x');
        }
        out.writeAscii(":tail");
        assertEquals(5 + 3000 + 5, out.size());
        assertEquals("head:" + "x".repeat(3000) + ":tail", drain(out.buffers()));
        out.clear();
        ByteBuffer again = out.append(2);
        again.put((byte) 'o').put((byte) 'k');
        assertEquals("ok", drain(out.buffers()));
    }

    @Test
    void theUnfilledEndOfAnAppendIsTruncated() {
        out.writeAscii("head:");
        out.append(10).put((byte) 'a').put((byte) 'b');
        out.truncate(out.size() - 8);
        assertEquals("head:ab", drain(out.buffers()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> out.truncate(1),
                "bytes already handed out");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> out.truncate(8));
    }

    @Test
    void buffersAreLiveViewsSoPartialWritesResume() {
        out.writeAscii("hello");
        ByteBuffer[] first = out.buffers();
        first[0].position(2); // a partial write
        assertSame(first, out.buffers());
        out.writeAscii(" world");
        ByteBuffer[] second = out.buffers();
        assertNotSame(first, second);
        assertSame(first[0], second[0]);
        assertEquals("llo world", drain(second));
        assertFalse(out.hasRemaining());
        assertEquals("hello world", new String(out.toByteArray(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void growingKeepsEarlierViewsIntact() {
        out.writeAscii("a".repeat(500));
        ByteBuffer[] early = out.buffers();
        out.writeAscii("b".repeat(900));
        ByteBuffer[] all = out.buffers();
        assertEquals("a".repeat(500), drain(early));
        assertEquals("b".repeat(900), drain(new ByteBuffer[] {all[1]}));
        assertEquals("a".repeat(500) + "b".repeat(900), new String(out.toByteArray(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void clearForgetsEverythingAndTheBufferIsReusable() {
        out.writeAscii("first");
        out.write(new byte[2000]);
        drain(out.buffers());
        out.clear();
        assertTrue(out.isEmpty());
        assertEquals(0, out.buffers().length);
        out.writeAscii("second");
        assertArrayEquals("second".getBytes(StandardCharsets.ISO_8859_1), out.toByteArray());
        assertEquals("second", drain(out.buffers()));
    }
}
