package io.jvicorn.http2.frame;

import static io.jvicorn.http2.frame.FrameHarness.START;
import static io.jvicorn.http2.frame.FrameHarness.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each connection rule of {@link FrameViolation}, broken after a valid start, and the octet it is refused at (counted
 * from the end of the preface and the client's first SETTINGS, 33 octets).
 */
class FrameDecoderRejectTest {
    private static final int START_LENGTH = 33;

    @ParameterizedTest(name = "{0} at {1}: {3}")
    @CsvSource({
        "FRAME_TOO_LARGE,               3, 0, 004001 00 00 00000001",
        "PADDED_FRAME_TOO_SHORT,        5, 0, 000000 00 08 00000001",
        "PADDED_FRAME_TOO_SHORT,        5, 0, 000005 01 2c 00000001",
        "HEADERS_TOO_SHORT_FOR_PRIORITY, 5, 0, 000004 01 24 00000001",
        "PADDING_TOO_LONG,              10, 1, 000003 00 08 00000001 03 0000",
        "PADDING_TOO_LONG,              10, 1, 000007 01 2c 00000001 02 00000000 0f 82",
        "RST_STREAM_LENGTH,             4, 0, 000003 03 00 00000001 000000",
        "SETTINGS_LENGTH,               4, 0, 000005 04 00 00000000 0000000000",
        "SETTINGS_ACK_WITH_PAYLOAD,     5, 0, 000006 04 01 00000000 000100001000",
        "PING_LENGTH,                   4, 0, 000007 06 00 00000000 00000000000000",
        "GOAWAY_TOO_SHORT,              4, 0, 000007 07 00 00000000 00000000000000",
        "WINDOW_UPDATE_LENGTH,          4, 0, 000003 08 00 00000000 000001",
        "STREAM_FRAME_ON_STREAM_ZERO,   9, 0, 000001 01 04 00000000 82",
        "STREAM_FRAME_ON_STREAM_ZERO,   9, 0, 000001 00 00 80000000 61",
        "STREAM_FRAME_ON_STREAM_ZERO,   9, 0, 000004 03 00 00000000 00000000",
        "CONNECTION_FRAME_ON_STREAM,    9, 1, 000008 06 00 00000001 0000000000000000",
        "CONNECTION_FRAME_ON_STREAM,    9, 3, 000000 04 01 00000003",
        "PUSH_PROMISE_FROM_CLIENT,      4, 0, 000004 05 04 00000001 00000002",
        "EXPECTED_CONTINUATION,         14, 0, 000001 01 00 00000001 82 000008 06 00 00000000 0000000000000000",
        "EXPECTED_CONTINUATION,         14, 0, 000001 01 00 00000001 82 000000 ff 00 00000000",
        "EXPECTED_CONTINUATION,         19, 3, 000001 01 00 00000001 82 000001 09 04 00000003 86",
        "UNEXPECTED_CONTINUATION,       4, 0, 000001 09 04 00000001 82",
        "UNEXPECTED_CONTINUATION,       14, 0, 000001 01 04 00000001 82 000001 09 04 00000001 86",
        "ENABLE_PUSH_VALUE,             15, 0, 000006 04 00 00000000 0002 00000002",
        "INITIAL_WINDOW_SIZE_VALUE,     21, 0, 00000c 04 00 00000000 0003 00000064 0004 80000000",
        "MAX_FRAME_SIZE_VALUE,          15, 0, 000006 04 00 00000000 0005 00003fff",
        "MAX_FRAME_SIZE_VALUE,          15, 0, 000006 04 00 00000000 0005 01000000",
        "ENABLE_CONNECT_PROTOCOL_VALUE, 15, 0, 000006 04 00 00000000 0008 00000002",
        "ZERO_WINDOW_INCREMENT,         13, 0, 000004 08 00 00000000 00000000",
    })
    void refusesAtTheFirstImpossibleOctet(FrameViolation violation, int at, int stream, String frames) {
        // A PING after the bad frame shows nothing more is read.
        List<String> events = events(frames + " 000008 06 00 00000000 0000000000000000");
        assertEquals(List.of(violation + " " + stream, "read " + (START_LENGTH + at)),
                events.subList(events.size() - 2, events.size()));
    }

    @Test
    void aBadPrefaceIsRefusedAtItsFirstWrongOctet() {
        byte[] http1 = "GET / HTTP/1.1\r\n".getBytes();
        assertEquals(List.of("BAD_PREFACE 0", "read 1"), FrameHarness.decode(FrameLimits.DEFAULTS, http1,
                new int[] {http1.length}));
        byte[] almost = FrameHarness.bytes(START.substring(0, 46) + "0b");
        assertEquals(List.of("BAD_PREFACE 0", "read 24"), FrameHarness.decode(FrameLimits.DEFAULTS, almost,
                new int[] {almost.length}));
        byte[] noSettings = FrameHarness.bytes(START.substring(0, 48) + "000008 06 00 00000000 0000000000000000");
        assertEquals(List.of("PREFACE_NOT_SETTINGS 0", "read 28"), FrameHarness.decode(FrameLimits.DEFAULTS,
                noSettings, new int[] {noSettings.length}));
    }

    @Test
    void aHeaderBlockIsRefusedAsSoonAsItPassesTheLimit() {
        FrameLimits limits = new FrameLimits(16_384, 30);
        // HEADERS of 1 octet: 10 on the wire; a CONTINUATION of 12 would make 31.
        List<String> events = events(limits, "000001 01 00 00000001 82 00000c 09 04 00000001 000000000000000000000000");
        assertEquals(List.of("HEADER_BLOCK_TOO_LARGE 0", "read " + (START_LENGTH + 10 + 4)), events);
        assertEquals(List.of("HEADER_BLOCK_TOO_LARGE 0", "read " + (START_LENGTH + 4)),
                events(limits, "000016 01 04 00000001 " + "00".repeat(22)), "a single HEADERS too");
    }

    @Test
    void emptyContinuationFramesCountTowardsTheLimit() {
        // CVE-2024-27316: a flood of empty CONTINUATION frames costs 9 octets each, and is refused like a large block.
        FrameLimits limits = new FrameLimits(16_384, 40);
        String empty = " 000000 09 00 00000001";
        List<String> events = events(limits, "000001 01 00 00000001 82" + empty.repeat(10));
        assertEquals(List.of("HEADER_BLOCK_TOO_LARGE 0", "read " + (START_LENGTH + 10 + 3 * 9 + 4)), events);
    }

    @Test
    void everyViolationHasASectionAndItsOwnReason() {
        Set<String> reasons = new HashSet<>();
        for (FrameViolation v : FrameViolation.values()) {
            assertTrue(v.section().matches("RFC (9113|8441) §\\d+(\\.\\d+)*"), v + " section " + v.section());
            assertTrue(reasons.add(v.reason()), v + " repeats the reason '" + v.reason() + "'");
        }
    }
}
