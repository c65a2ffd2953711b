package io.jvicorn.http2.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each frame type byte-exact, the splitting to the peer's frame size, and a round trip through the decoder. */
class FrameEncoderTest {

    private static String write(Consumer<ByteBuffer> writer) {
        ByteBuffer out = ByteBuffer.allocate(1 << 20);
        writer.accept(out);
        return FrameHarness.hex(out.flip());
    }

    private static String hex(String spaced) {
        return spaced.replace(" ", "");
    }

    @Test
    void controlFrames() {
        FrameEncoder encoder = new FrameEncoder();
        assertEquals(hex("00000c 04 00 00000000 0003 00000064 0004 0000ffff"), write(out -> encoder.settings(
                new int[] {SettingId.MAX_CONCURRENT_STREAMS, SettingId.INITIAL_WINDOW_SIZE}, new long[] {100, 65535},
                out)));
        assertEquals(hex("000000 04 01 00000000"), write(encoder::settingsAck));
        assertEquals(hex("000008 06 01 00000000 0102030405060708"), write(out -> encoder.ping(true,
                0x0102030405060708L, out)));
        assertEquals(hex("00000a 07 00 00000000 00000007 0000000b 6869"), write(out -> encoder.goAway(7,
                ErrorCode.ENHANCE_YOUR_CALM, "hi".getBytes(StandardCharsets.US_ASCII), out)));
        assertEquals(hex("000004 03 00 00000005 00000008"), write(out -> encoder.rstStream(5, ErrorCode.CANCEL, out)));
        assertEquals(hex("000004 08 00 00000000 7fffffff"), write(out -> encoder.windowUpdate(0, Integer.MAX_VALUE,
                out)));
        assertEquals(hex("000005 02 00 00000003 80000001 ff"), write(out -> encoder.priority(3, 1, true, 256, out)));
    }

    @Test
    void dataAndHeadersFitInOneFrame() {
        FrameEncoder encoder = new FrameEncoder();
        assertEquals(hex("000005 00 01 00000001 68656c6c6f"), write(out -> encoder.data(1,
                ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)), true, out)));
        assertEquals(hex("000000 00 01 00000001"), write(out -> encoder.data(1, ByteBuffer.allocate(0), true, out)));
        assertEquals(hex("000001 01 05 00000003 88"), write(out -> encoder.headers(3, ByteBuffer.wrap(new byte[] {
            (byte) 0x88}), true, out)));
        assertEquals(hex("000001 01 04 00000003 88"), write(out -> encoder.headers(3, ByteBuffer.wrap(new byte[] {
            (byte) 0x88}), false, out)));
    }

    @Test
    void dataIsSplitAtTheMaxFrameSizeWithEndStreamOnTheLast() {
        FrameEncoder encoder = new FrameEncoder();
        ByteBuffer payload = ByteBuffer.wrap(new byte[16_384 * 2 + 1]);
        String written = write(out -> encoder.data(1, payload, true, out));
        assertEquals(2 * (16_384 * 2 + 1) + 2 * 9 * 3, written.length());
        assertEquals(hex("004000 00 00 00000001"), written.substring(0, 18));
        assertEquals(hex("004000 00 00 00000001"), written.substring(18 + 2 * 16_384, 36 + 2 * 16_384));
        assertEquals(hex("000001 00 01 00000001 00"), written.substring(36 + 4 * 16_384));
        assertEquals(encoder.framedLength(16_384 * 2 + 1) * 2, written.length());
        assertEquals(0, payload.remaining());
    }

    @Test
    void aLargeHeaderBlockContinuesInContinuationFrames() {
        FrameEncoder encoder = new FrameEncoder();
        encoder.maxFrameSize(20_000);
        byte[] block = new byte[45_000];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) i;
        }
        ByteBuffer out = ByteBuffer.allocate(encoder.framedLength(block.length));
        encoder.headers(7, ByteBuffer.wrap(block), true, out);
        assertEquals(0, out.remaining(), "framedLength is exact");
        out.flip();
        // HEADERS (END_STREAM), CONTINUATION, CONTINUATION (END_HEADERS).
        assertEquals(hex("004e20 01 01 00000007"), frameHeader(out, 0));
        assertEquals(hex("004e20 09 00 00000007"), frameHeader(out, 9 + 20_000));
        assertEquals(hex("001388 09 04 00000007"), frameHeader(out, 2 * (9 + 20_000)));

        FrameDecoder decoder = new FrameDecoder(new FrameLimits(20_000, 64 * 1024), false);
        List<FrameEvent> events = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(FrameHarness.bytes("000000 04 00 00000000"));
        events.add(decoder.next(in));
        FrameEvent event;
        while ((event = decoder.next(out)) != null) {
            events.add(event);
        }
        FrameEvent.Headers headers = (FrameEvent.Headers) events.getLast();
        assertEquals(ByteBuffer.wrap(block), headers.block());
        assertEquals(true, headers.endStream());
    }

    @Test
    void refusesWhatNoPeerMayReceive() {
        FrameEncoder encoder = new FrameEncoder();
        ByteBuffer out = ByteBuffer.allocate(64);
        assertThrows(IllegalArgumentException.class, () -> encoder.data(0, ByteBuffer.allocate(0), true, out));
        assertThrows(IllegalArgumentException.class, () -> encoder.windowUpdate(1, 0, out));
        assertThrows(IllegalArgumentException.class, () -> encoder.maxFrameSize(16_383));
        assertThrows(IllegalArgumentException.class, () -> encoder.maxFrameSize(1 << 24));
    }

    private static String frameHeader(ByteBuffer frames, int at) {
        return FrameHarness.hex(frames.slice(at, 9));
    }
}
