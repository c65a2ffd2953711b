package io.jvicorn.http2.hpack;

import static io.jvicorn.http2.hpack.Blocks.decode;
import static io.jvicorn.http2.hpack.Blocks.entries;
import static io.jvicorn.http2.hpack.Blocks.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class HpackDecoderTest {

    @Test
    void aDeliveredFieldTooLargeForTheTableStillEmptiesIt() throws HpackException {
        // Found by HpackDecoderFuzzTest: RFC 7541 §4.4 applies whether or not the field is delivered.
        HpackDecoder decoder = new HpackDecoder(64, Long.MAX_VALUE);
        decode(decoder, hex("40 01 61 01 62")); // a: b, 34 bytes
        assertEquals(List.of("a: b"), entries(decoder.table()));
        assertEquals(List.of("c: " + "d".repeat(40)), decode(decoder, hex("40 01 63 28" + " 64".repeat(40))));
        assertEquals(List.of(), entries(decoder.table()));
    }

    @Test
    void readsDirectBuffersLikeHeapOnes() throws HpackException {
        ByteBuffer heap = hex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b"
                + " b8e8 b4bf");
        ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining()).put(heap.duplicate()).flip();
        assertEquals(decode(new HpackDecoder(4096, 1 << 16), heap), decode(new HpackDecoder(4096, 1 << 16), direct));
    }

    @Test
    void fieldsFromTheTablesCostNoAllocation() throws HpackException {
        // Counts the bytes this thread allocates; a loaded machine changes the time, not the count.
        // :method GET, :scheme https, :path /, then the dynamic :authority entry, 10,000 times over.
        HpackDecoder decoder = new HpackDecoder(4096, 1 << 16);
        decode(decoder, hex("41 8cf1e3c2e5f23a6ba0ab90f4ff"));
        ByteBuffer block = hex("8287 84be");
        int[] fields = {0};
        HeaderSink sink = (name, value) -> fields[0]++;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            decoder.decode(block.rewind(), sink);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(40_000, fields[0]);
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for 10,000 blocks");
    }
}
