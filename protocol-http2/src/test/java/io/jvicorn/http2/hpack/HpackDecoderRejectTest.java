package io.jvicorn.http2.hpack;

import static io.jvicorn.http2.hpack.Blocks.decode;
import static io.jvicorn.http2.hpack.Blocks.entries;
import static io.jvicorn.http2.hpack.Blocks.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each rule of {@link HpackViolation}, broken by a block that is otherwise valid, and the words that name it. */
class HpackDecoderRejectTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "INDEX_ZERO,               80",
        "INDEX_ZERO,               8286 80",
        "INDEX_PAST_TABLE,         be",
        "INDEX_PAST_TABLE,         7e 00",           // literal with incremental indexing, name index 62
        "INDEX_PAST_TABLE,         ff 80 ff ff ff 07", // 2^31-1: the largest integer, and no such entry
        "TRUNCATED_INTEGER,        ff",
        "TRUNCATED_INTEGER,        ff 80",
        "TRUNCATED_INTEGER,        41",              // :authority, then no value
        "TRUNCATED_INTEGER,        40 01 61",        // a new name, then no value
        "TRUNCATED_INTEGER,        41 7f",           // a value length cut off
        "INTEGER_OVERFLOW,         ff 81 ff ff ff 07", // 2^31
        "INTEGER_OVERFLOW,         41 7f ff ff ff ff 0f",
        "INTEGER_TOO_LONG,         ff 80 80 80 80 80 00",
        "TRUNCATED_STRING,         41 05 61 62",
        "TRUNCATED_STRING,         40 85 61",
        "HUFFMAN_EOS,              41 84 ff ff ff ff", // 30 ones are EOS
        "HUFFMAN_EOS,              41 85 1f ff ff ff fc", // 'a' then EOS
        "HUFFMAN_PADDING_TOO_LONG, 41 81 ff",
        "HUFFMAN_PADDING_TOO_LONG, 41 82 1f ff",     // 'a' then 11 ones
        "HUFFMAN_PADDING_NOT_EOS,  41 81 18",        // 'a' then 000
        "HUFFMAN_PADDING_NOT_EOS,  41 81 1e",        // 'a' then 110
        "HUFFMAN_PADDING_NOT_EOS,  40 81 1e 00",     // the same in a name
        "SIZE_UPDATE_AFTER_FIELD,  82 20",
        "SIZE_UPDATE_AFTER_FIELD,  20 82 20",
        "SIZE_UPDATE_ABOVE_MAX,    3f e2 1f",        // 4097
    })
    void rejects(HpackViolation violation, String block) {
        HpackDecoder decoder = new HpackDecoder(4096, 1 << 16);
        HpackException e = assertThrows(HpackException.class, () -> decode(decoder, hex(block)));
        assertEquals(violation, e.violation());
        assertEquals(violation.section() + ": " + violation.reason(), e.getMessage());
        assertFalse(e.headerListTooLarge());
    }

    @Test
    void theLargestSizeUpdateAndIntegerAreAccepted() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 1 << 16);
        assertEquals(List.of(":method: GET"), decode(decoder, hex("3f e1 1f 82"))); // 4096
        assertEquals(List.of(), decode(decoder, hex("20 3f e1 1f"))); // two updates, no field
    }

    @Test
    void aLoweredMaximumRequiresASizeUpdateFirst() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 1 << 16);
        decoder.maxTableSize(100);
        assertEquals(HpackViolation.SIZE_UPDATE_MISSING,
                assertThrows(HpackException.class, () -> decode(decoder, hex("82"))).violation());

        HpackDecoder other = new HpackDecoder(4096, 1 << 16);
        other.maxTableSize(100);
        assertEquals(HpackViolation.SIZE_UPDATE_ABOVE_MAX,
                assertThrows(HpackException.class, () -> decode(other, hex("3f 46"))).violation()); // 101

        HpackDecoder obeyed = new HpackDecoder(4096, 1 << 16);
        obeyed.maxTableSize(0);
        obeyed.maxTableSize(100);
        // Down to 0 then up to 100: the peer must signal the lowest first (RFC 7541 §4.2).
        assertEquals(HpackViolation.SIZE_UPDATE_MISSING,
                assertThrows(HpackException.class, () -> decode(obeyed, hex("3f 45 82"))).violation());
        HpackDecoder fine = new HpackDecoder(4096, 1 << 16);
        fine.maxTableSize(0);
        fine.maxTableSize(100);
        assertEquals(List.of(":method: GET"), decode(fine, hex("20 3f 45 82")));
        assertEquals(100, fine.table().maxSize());
        assertEquals(List.of(":method: GET"), decode(fine, hex("82")), "owed once only");
    }

    @Test
    void aRaisedMaximumOwesNothing() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 1 << 16);
        decoder.maxTableSize(8192);
        assertEquals(List.of(":method: GET"), decode(decoder, hex("82")));
        assertEquals(List.of(), decode(decoder, hex("3f e1 3f"))); // 8192
        assertEquals(8192, decoder.table().maxSize());
    }

    @Test
    void aTooLargeListIsReportedAtTheEndWithTheTableInStep() throws HpackException {
        // Limit 90: ":method: GET" is 42, "custom-key: custom-header" 55, so the second field crosses it.
        HpackDecoder decoder = new HpackDecoder(4096, 90);
        List<String> delivered = new ArrayList<>();
        HpackException e = assertThrows(HpackException.class, () -> decoder.decode(
                hex("82 400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572 82"),
                (name, value) -> delivered.add(name + ": " + value)));
        assertTrue(e.headerListTooLarge());
        assertEquals(HpackViolation.HEADER_LIST_TOO_LARGE, e.violation());
        assertEquals("RFC 9113 §6.5.2: header list larger than SETTINGS_MAX_HEADER_LIST_SIZE", e.getMessage());
        assertEquals(List.of(":method: GET"), delivered, "fields past the limit are dropped");
        assertEquals(List.of("custom-key: custom-header"), entries(decoder.table()), "the table stayed in step");
        assertEquals(List.of("custom-key: custom-header"), decode(decoder, hex("be")));
    }

    @Test
    void aListExactlyAtTheLimitPasses() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, 42 + 42);
        assertEquals(List.of(":method: GET", ":method: GET"), decode(decoder, hex("8282")));
        assertEquals(HpackViolation.HEADER_LIST_TOO_LARGE,
                assertThrows(HpackException.class, () -> decode(decoder, hex("828282"))).violation());
    }

    @Test
    void aCompressionErrorAfterTheListGotTooLargeIsTheCompressionError() {
        HpackDecoder decoder = new HpackDecoder(4096, 10);
        HpackException e = assertThrows(HpackException.class, () -> decode(decoder, hex("82 80")));
        assertEquals(HpackViolation.INDEX_ZERO, e.violation());
    }

    @Test
    void everyViolationHasASectionAndItsOwnReason() {
        Set<String> reasons = new HashSet<>();
        for (HpackViolation v : HpackViolation.values()) {
            assertTrue(v.section().matches("RFC (7541|9113) §\\d+(\\.\\d+)*"), v + " section " + v.section());
            assertTrue(reasons.add(v.reason()), v + " repeats the reason '" + v.reason() + "'");
        }
    }
}
