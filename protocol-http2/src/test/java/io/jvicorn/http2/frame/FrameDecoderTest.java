package io.jvicorn.http2.frame;

import static io.jvicorn.http2.frame.FrameHarness.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One vector per frame type and layout, each decoded whole, a byte at a time and cut at every offset. */
class FrameDecoderTest {

    @Test
    void data() {
        assertEquals(List.of("data 1 fc=5 end=true 68656c6c6f"), events("000005 00 01 00000001 68656c6c6f"));
        assertEquals(List.of("data 1 fc=0 end=true "), events("000000 00 01 00000001"));
        assertEquals(List.of("data 1 fc=5 end=false 68656c6c6f"), events("000005 00 00 80000001 68656c6c6f"),
                "the reserved bit is ignored");
    }

    @Test
    void paddedDataCountsItsPaddingForFlowControlAndSaysHowMuchIsPadding() {
        assertEquals(List.of("data 3 fc=9p4 end=true 68656c6c6f"), events("000009 00 09 00000003 03 68656c6c6f 000000"));
        assertEquals(List.of("data 1 fc=3p3 end=false "), events("000003 00 08 00000001 02 0000"), "padding only");
        assertEquals(List.of("data 1 fc=1p1 end=true "), events("000001 00 09 00000001 00"), "pad length 0");
    }

    @Test
    void headers() {
        assertEquals(List.of("headers 1 end=true 82"), events("000001 01 05 00000001 82"));
        assertEquals(List.of("headers 1 end=false "), events("000000 01 04 00000001"));
    }

    @Test
    void headersWithPaddingAndPriorityFieldsKeepsTheFragmentOnly() {
        assertEquals(List.of("headers 1 end=false 8286"), events("00000a 01 2c 00000001 02 80000000 0f 8286 0000"));
        assertEquals(List.of("headers 5 end=true 84"), events("000006 01 25 00000005 00000003 ff 84"));
    }

    @Test
    void headersSplitOverContinuationsComeAsOneBlock() {
        assertEquals(List.of("headers 1 end=true 828684"),
                events("000001 01 01 00000001 82 000001 09 00 00000001 86 000001 09 04 00000001 84"));
        assertEquals(List.of("headers 1 end=false 82"), events("000001 01 00 00000001 82 000000 09 04 00000001"));
    }

    @Test
    void aStreamDependingOnItselfIsAStreamErrorAfterTheBlock() {
        assertEquals(List.of("headers 1 end=false 82 STREAM_DEPENDS_ON_ITSELF", "ping ack=false 1"),
                events("000006 01 24 00000001 00000001 0f 82 000008 06 00 00000000 0000000000000001"));
        assertEquals(List.of("STREAM_DEPENDS_ON_ITSELF 3", "priority 5"),
                events("000005 02 00 00000003 80000003 0f 000005 02 00 00000005 00000003 0f"));
    }

    @Test
    void controlFrames() {
        assertEquals(List.of("rst 1 8"), events("000004 03 00 00000001 00000008"));
        assertEquals(List.of("rst 1 4294967295"), events("000004 03 00 00000001 ffffffff"), "unknown codes pass");
        assertEquals(List.of("settings ack=false [1=4096, 4=65535, 5=16777215, 2=1, 8=1]"),
                events("00001e 04 00 00000000 0001 00001000 0004 0000ffff 0005 00ffffff 0002 00000001 0008 00000001"));
        assertEquals(List.of("settings ack=false [4=2147483647]"),
                events("00000c 04 00 00000000 00ff 00000009 0004 7fffffff"), "unknown parameters are ignored");
        assertEquals(List.of("settings ack=true []"), events("000000 04 01 00000000"));
        assertEquals(List.of("ping ack=false 102030405060708"), events("000008 06 00 00000000 0102030405060708"));
        assertEquals(List.of("ping ack=true ffffffffffffffff"), events("000008 06 01 00000000 ffffffffffffffff"));
        assertEquals(List.of("goaway 5 0 6869"), events("00000a 07 00 00000000 80000005 00000000 6869"));
        assertEquals(List.of("window 0 1"), events("000004 08 00 00000000 00000001"));
        assertEquals(List.of("window 1 2147483647"), events("000004 08 00 00000001 ffffffff"),
                "the reserved bit is ignored");
    }

    @Test
    void unknownFrameTypesAndFlagsAreIgnored() {
        assertEquals(List.of("ping ack=false 0"),
                events("000003 ff 00 00000001 010203 000008 06 fe 00000000 0000000000000000"));
        assertEquals(List.of("data 1 fc=1 end=false 61"), events("000001 00 f6 00000001 61"));
    }

    @Test
    void zeroWindowIncrementOnAStreamResetsOnlyTheStream() {
        assertEquals(List.of("ZERO_WINDOW_INCREMENT_ON_STREAM 1", "window 1 1"),
                events("000004 08 00 00000001 00000000 000004 08 00 00000001 00000001"));
    }

    @Test
    void aPriorityFrameOfTheWrongLengthResetsOnlyTheStream() {
        assertEquals(List.of("PRIORITY_LENGTH 1", "ping ack=false 0"),
                events("000004 02 00 00000001 00000000 000008 06 00 00000000 0000000000000000"));
    }

    @Test
    void withoutThePrefaceTheFirstFrameIsStillSettings() {
        FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULTS, false);
        ByteBuffer in = ByteBuffer.wrap(FrameHarness.bytes("000000 04 00 00000000 000001 01 05 00000001 82"));
        assertEquals(new FrameEvent.Settings(false, List.of()), decoder.next(in));
        FrameEvent.Headers headers = (FrameEvent.Headers) decoder.next(in);
        assertEquals(1, headers.streamId());
        assertNull(decoder.next(in));
    }

    @Test
    void largerFramesPassUnderALargerLimit() {
        String payload = "61".repeat(20_000);
        List<String> events = events(new FrameLimits(20_000, 64 * 1024), "004e20 00 00 00000001 " + payload);
        assertEquals(List.of("data 1 fc=20000 end=false " + payload), events);
    }
}
