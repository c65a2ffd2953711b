package io.jvicorn.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An HPACK bomb: a block of a few KiB that inserts one 4 KiB entry and then names it thousands of times, 40 MB once
 * expanded. The header list limit stops it, and the decoder allocates nothing for the repeats: the expanded list never
 * exists.
 */
class HpackBombTest {

    @Test
    void aBlockRepeatingALargeEntryIsStoppedByTheListLimitWithoutExpanding() {
        int repeats = 10_000;
        String value = "v".repeat(4000);
        ByteBuffer block = ByteBuffer.allocate(8 + value.length() + repeats);
        block.put((byte) 0x40).put((byte) 1).put((byte) 'x'); // literal, incremental indexing, name "x"
        HpackInteger.encode(0, 7, value.length(), block);
        for (int i = 0; i < value.length(); i++) {
            block.put((byte) 'v');
        }
        for (int i = 0; i < repeats; i++) {
            block.put((byte) 0xbe); // index 62: the entry just added
        }
        block.flip();

        AtomicInteger delivered = new AtomicInteger();
        HeaderSink sink = (name, v) -> delivered.incrementAndGet();
        // A first run links the lambdas and loads the classes involved, one-time allocations that are not the bomb's.
        assertThrows(HpackException.class, () -> new HpackDecoder(4096, 16 * 1024).decode(block.duplicate(), sink));
        delivered.set(0);

        HpackDecoder decoder = new HpackDecoder(4096, 16 * 1024);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        HpackException e = null;
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            decoder.decode(block, sink);
        } catch (HpackException thrown) {
            e = thrown;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertNotNull(e);
        assertTrue(e.headerListTooLarge());
        assertEquals(0, block.remaining(), "decoded to the end to keep the table in step");
        assertEquals(4, delivered.get(), "the fields within 16 KiB (4033 bytes each)");
        // The entry itself (about 4 KiB) and the exception; the 40 MB expansion would show here.
        assertTrue(allocated < 256 * 1024, "allocated " + allocated + " bytes");
    }
}
