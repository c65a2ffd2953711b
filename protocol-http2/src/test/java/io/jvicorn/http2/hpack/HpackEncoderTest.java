package io.jvicorn.http2.hpack;

import static io.jvicorn.http2.hpack.Blocks.decode;
import static io.jvicorn.http2.hpack.Blocks.entries;
import static io.jvicorn.http2.hpack.Blocks.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HpackEncoderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"200, 88", "204, 89", "206, 8a", "304, 8b", "400, 8c", "404, 8d", "500, 8e"})
    void commonStatusesAreStaticIndexes(int status, String hex) {
        HpackEncoder encoder = new HpackEncoder();
        ByteBuffer out = ByteBuffer.allocate(16);
        encoder.status(status, out);
        assertEquals(hex, Blocks.hex(out.flip()));
    }

    @Test
    void otherStatusesAreIndexedOnceThenReferenced() throws HpackException {
        HpackEncoder encoder = new HpackEncoder();
        HpackDecoder decoder = new HpackDecoder(4096, 1 << 16);
        ByteBuffer first = ByteBuffer.allocate(16);
        encoder.status(201, first);
        first.flip();
        assertEquals(0x48, first.get(0) & 0xFF, "literal with incremental indexing, name :status");
        assertEquals(List.of(":status: 201"), decode(decoder, first));
        ByteBuffer second = ByteBuffer.allocate(16);
        encoder.status(201, second);
        assertEquals("be", Blocks.hex(second.flip()));
        assertEquals(List.of(":status: 201"), decode(decoder, second));
        assertThrows(IllegalArgumentException.class, () -> encoder.status(99, ByteBuffer.allocate(16)));
        assertThrows(IllegalArgumentException.class, () -> encoder.status(1000, ByteBuffer.allocate(16)));
    }

    @Test
    void sensitiveFieldsAreNeverIndexed() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        ByteBuffer out = ByteBuffer.allocate(64);
        encoder.field("authorization", "secret", true, out);
        encoder.field("authorization", "secret", true, out);
        // 0001 + index 23 (15 + 8), then the value raw: the same bytes twice, nothing added to the table.
        assertEquals("1f08 06736563726574 1f08 06736563726574".replace(" ", ""), Blocks.hex(out.flip()));
        assertEquals(List.of(), entries(encoder.table()));
    }

    @Test
    void valuesThatChangePerMessageAreNotIndexed() {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        ByteBuffer out = ByteBuffer.allocate(64);
        encoder.field("content-length", "123", false, out);
        assertEquals("0f0d03313233", Blocks.hex(out.flip())); // 0000 + index 28 (15 + 13)
        assertEquals(List.of(), entries(encoder.table()));
    }

    @Test
    void aFieldLargerThanHalfTheTableIsNotIndexed() {
        HpackEncoder encoder = new HpackEncoder(256, false);
        ByteBuffer out = ByteBuffer.allocate(512);
        encoder.field("x-big", "v".repeat(100), false, out); // 5 + 100 + 32 > 128
        assertEquals(List.of(), entries(encoder.table()));
        encoder.field("x-small", "v".repeat(50), false, out);
        assertEquals(List.of("x-small: " + "v".repeat(50)), entries(encoder.table()));
    }

    @Test
    void aFieldInTheDynamicTableByNameOnlyReusesTheName() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        ByteBuffer out = ByteBuffer.allocate(64);
        encoder.field("x-a", "1", false, out);
        out.clear();
        encoder.field("x-a", "2", false, out);
        assertEquals("7e0132", Blocks.hex(out.flip())); // 01 + name index 62
    }

    @Test
    void tableSizeChangesAreSignalledLowestThenFinal() throws HpackException {
        HpackEncoder encoder = new HpackEncoder();
        HpackDecoder decoder = new HpackDecoder(4096, 1 << 16);
        ByteBuffer out = ByteBuffer.allocate(64);
        encoder.field("x-a", "1", false, out);
        decode(decoder, out.flip());

        encoder.peerMaxTableSize(0);
        decoder.maxTableSize(0);
        encoder.peerMaxTableSize(4096);
        decoder.maxTableSize(4096);
        out.clear();
        encoder.field(":method", "GET", false, out);
        assertEquals("20 3fe11f 82".replace(" ", ""), Blocks.hex(out.flip()));
        assertEquals(List.of(":method: GET"), decode(decoder, out));
        assertEquals(List.of(), entries(decoder.table()), "the update to 0 emptied the table");

        encoder.peerMaxTableSize(2048);
        encoder.peerMaxTableSize(3000);
        out.clear();
        encoder.field(":method", "GET", false, out);
        assertEquals("3fe10f 3f9917 82".replace(" ", ""), Blocks.hex(out.flip())); // 2048, then 3000
        assertEquals(3000, encoder.table().maxSize());

        encoder.peerMaxTableSize(3000);
        out.clear();
        encoder.field(":method", "GET", false, out);
        assertEquals("82", Blocks.hex(out.flip()), "no change, no update");
    }

    @Test
    void anOwnLimitCapsWhatThePeerAllows() {
        HpackEncoder encoder = new HpackEncoder(1024);
        ByteBuffer out = ByteBuffer.allocate(64);
        encoder.field(":method", "GET", false, out);
        assertEquals("3fe107 82".replace(" ", ""), Blocks.hex(out.flip()), "down from the initial 4096 to 1024");
        encoder.peerMaxTableSize(65536);
        out.clear();
        encoder.field(":method", "GET", false, out);
        assertEquals("82", Blocks.hex(out.flip()));
        assertEquals(1024, encoder.table().maxSize());
    }

    @Test
    void refusesNonLatin1Text() {
        HpackEncoder encoder = new HpackEncoder();
        assertThrows(IllegalArgumentException.class,
                () -> encoder.field("x-a", "\u20ac", false, ByteBuffer.allocate(64)));
    }

    @Test
    void maxEncodedLengthBoundsTheWorstCase() {
        HpackEncoder encoder = new HpackEncoder(4096, false);
        encoder.peerMaxTableSize(0);
        encoder.peerMaxTableSize(Integer.MAX_VALUE);
        String name = "x".repeat(300);
        String value = "\u00ff".repeat(70_000); // Huffman would be longer: raw, with a 4-byte length
        int bound = encoder.maxEncodedLength(name, value);
        ByteBuffer out = ByteBuffer.allocate(bound);
        encoder.field(name, value, true, out); // a BufferOverflowException if the bound were short
        // Updates to 0 and 4096 (1 + 3), 0001 0000, the name's length (3) and bytes, the value's length (4) and bytes.
        assertEquals(4 + 1 + 3 + 300 + 4 + 70_000, out.position());
        assertTrue(out.position() <= bound);
    }
}
