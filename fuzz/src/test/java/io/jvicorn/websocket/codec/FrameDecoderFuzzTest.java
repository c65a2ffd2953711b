package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jvicorn.fuzz.Splits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The WebSocket frame decoder on arbitrary bytes, against RFC 6455 §5.2 written out plainly in {@link #reference}.
 *
 * <p>Properties: it throws nothing but {@link ProtocolViolation}; it accepts exactly the headers the RFC accepts and
 * reads the same fields from them; it consumes exactly the header, never a payload byte, and unmasks the payload to
 * the reference's XOR; all of it the same however the bytes are split.
 */
class FrameDecoderFuzzTest {

    @FuzzTest
    void decodesLikeTheRfcWhateverTheSplit(byte[] frames) {
        for (boolean deflate : new boolean[] {false, true}) {
            List<String> expected = decode(frames, Splits.whole(frames.length), deflate);
            for (int[] plan : Splits.plans(frames)) {
                assertEquals(expected, decode(frames, plan, deflate), () -> "pieces ending at " + Arrays.toString(plan));
            }
        }
    }

    private static List<String> decode(byte[] frames, int[] plan, boolean deflate) {
        byte[] copy = frames.clone(); // payloads are unmasked in place
        FrameDecoder decoder = new FrameDecoder(deflate);
        List<String> events = new ArrayList<>();
        int frameStart = 0; // input offset of the current frame's first byte
        Header current = null; // set while in a frame's payload
        int from = 0;
        for (int to : plan) {
            ByteBuffer in = ByteBuffer.wrap(copy, from, to - from);
            while (in.hasRemaining()) {
                if (current == null) {
                    Header expected = reference(frames, frameStart, deflate);
                    boolean complete;
                    try {
                        complete = decoder.readHeader(in);
                    } catch (ProtocolViolation v) {
                        assertEquals(CloseStatus.PROTOCOL_ERROR, v.code(), "framing errors are 1002");
                        assertTrue(expected != null && expected.violation, () -> "rejected a valid header: " + v.reason());
                        events.add("violation " + v.reason());
                        return joinPayloads(events);
                    }
                    if (!complete) {
                        assertTrue(!in.hasRemaining(), "an incomplete header leaves no byte unread");
                        break;
                    }
                    assertTrue(expected != null && !expected.violation, "accepted a header the RFC rejects");
                    assertEquals(frameStart + expected.size, in.position(), "consumed exactly the header");
                    assertEquals(expected.fin, decoder.fin());
                    assertEquals(expected.rsv1, decoder.rsv1());
                    assertEquals(expected.opcode, decoder.opcode());
                    assertEquals(expected.length, decoder.payloadLength());
                    events.add("frame " + expected);
                    current = expected;
                }
                int at = in.position();
                int n = decoder.unmaskAvailable(in);
                assertTrue(n >= 0 && n <= in.remaining(), "unmasked more than is there");
                assertEquals(at, in.position(), "unmasking does not consume");
                int payloadStart = frameStart + current.size;
                for (int i = 0; i < n; i++) {
                    int key = frames[payloadStart - 4 + (at - payloadStart + i) % 4];
                    assertEquals((byte) (frames[at + i] ^ key), copy[at + i], "unmasked byte");
                }
                events.add("payload " + HexFormat.of().formatHex(copy, at, at + n));
                in.position(at + n);
                if (decoder.payloadRemaining() == 0) {
                    frameStart = in.position();
                    decoder.finishFrame();
                    current = null;
                }
            }
            from = to;
        }
        return joinPayloads(events);
    }

    /** Payload bytes arrive in as many pieces as the input had; joined, the event lists compare across splits. */
    private static List<String> joinPayloads(List<String> events) {
        List<String> joined = new ArrayList<>();
        for (String e : events) {
            int last = joined.size() - 1;
            if (e.startsWith("payload ") && last >= 0 && joined.get(last).startsWith("payload ")) {
                joined.set(last, joined.get(last) + e.substring("payload ".length()));
            } else {
                joined.add(e);
            }
        }
        joined.removeIf("payload "::equals);
        return joined;
    }

    /** A header as RFC 6455 §5.2 reads it: whether it breaks a rule, else its fields and size. */
    record Header(boolean violation, boolean fin, boolean rsv1, int opcode, long length, int size) {
        @Override
        public String toString() {
            return (fin ? "fin " : "") + (rsv1 ? "rsv1 " : "") + "opcode " + opcode + " length " + length;
        }
    }

    /** The header starting at {@code at}, or null while it is incomplete in the whole input. */
    static Header reference(byte[] b, int at, boolean deflate) {
        if (at + 2 > b.length) {
            return null;
        }
        int b0 = b[at] & 0xFF;
        int b1 = b[at + 1] & 0xFF;
        boolean fin = b0 >= 0x80;
        boolean rsv1 = (b0 & 0x40) != 0;
        int opcode = b0 & 0x0F;
        boolean control = opcode >= 8;
        boolean knownOpcode = opcode <= 2 || opcode >= 8 && opcode <= 10;
        // RSV1 means "compressed" only with permessage-deflate, and only on a message's first frame (RFC 7692 §6).
        boolean badRsv1 = rsv1 && (!deflate || opcode == 0 || control);
        int len7 = b1 & 0x7F;
        boolean early = (b0 & 0x30) != 0 || !knownOpcode || badRsv1 || b1 < 0x80
                || control && (!fin || len7 > 125);
        if (early) {
            return new Header(true, fin, rsv1, opcode, 0, 2);
        }
        int extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        int size = 2 + extended + 4;
        if (at + size > b.length) {
            return null;
        }
        long length = len7;
        if (extended > 0) {
            length = 0;
            for (int i = 0; i < extended; i++) {
                length = (length << 8) | (b[at + 2 + i] & 0xFF);
            }
        }
        boolean minimal = extended == 0 || extended == 2 && length >= 126 || extended == 8 && length >= 65536;
        return new Header(length < 0 || !minimal, fin, rsv1, opcode, length, size);
    }
}
