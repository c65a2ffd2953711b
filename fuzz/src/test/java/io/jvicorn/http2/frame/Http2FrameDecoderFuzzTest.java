package io.jvicorn.http2.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jvicorn.fuzz.Splits;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The HTTP/2 frame decoder on arbitrary bytes (named apart from the WebSocket {@code FrameDecoderFuzzTest}).
 *
 * <p>Input: a byte of options (bit 0: the preface is prepended, so the fuzzer works on frames; bit 1: a 64-octet header
 * block limit instead of 64 KiB; bit 2: a 20000-octet frame size limit), then the bytes. Properties: {@link
 * FrameDecoder#next} never throws; the events are the same whole, one byte at a time, cut in two anywhere and in steered
 * pieces; a null leaves no byte unread, nothing is read after a connection error; DATA pieces are views of bytes just
 * consumed and their flow-controlled lengths add up to what the frames declared; header blocks and the internal buffers
 * stay within the limits. Then the events decoded before any rejection, written again by {@link FrameEncoder} (without
 * padding) and decoded, give the same events.
 */
class Http2FrameDecoderFuzzTest {
    private static final Field BLOCK;
    private static final Field CONTROL;

    static {
        try {
            // The buffers are private; reading their size is the only way to check the memory bound.
            BLOCK = FrameDecoder.class.getDeclaredField("block");
            BLOCK.setAccessible(true);
            CONTROL = FrameDecoder.class.getDeclaredField("control");
            CONTROL.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest
    void decodesTheSameWhateverTheSplit(byte[] data) throws ReflectiveOperationException {
        if (data.length == 0) {
            return;
        }
        int options = data[0];
        byte[] body = Arrays.copyOfRange(data, 1, data.length);
        byte[] input = (options & 1) != 0 ? concat(ConnectionPreface.bytes(), body) : body;
        FrameLimits limits = new FrameLimits((options & 4) != 0 ? 20_000 : 16_384, (options & 2) != 0 ? 64 : 64 * 1024);
        List<String> expected = decode(limits, input, Splits.whole(input.length), null);
        for (int[] plan : Splits.plans(input)) {
            assertEquals(expected, decode(limits, input, plan, null), () -> "pieces ending at " + Arrays.toString(plan));
        }
        List<FrameEvent> events = new ArrayList<>();
        decode(limits, input, Splits.whole(input.length), events);
        reencode(limits, events);
    }

    /** The events as text, DATA pieces of a frame joined; fills {@code collect} with the events before any rejection. */
    private static List<String> decode(FrameLimits limits, byte[] input, int[] plan, List<FrameEvent> collect)
            throws ReflectiveOperationException {
        FrameDecoder decoder = new FrameDecoder(limits, true);
        List<String> events = new ArrayList<>();
        boolean rejected = false;
        int from = 0;
        for (int to : plan) {
            ByteBuffer in = ByteBuffer.wrap(input, from, to - from);
            while (true) {
                int before = in.position();
                FrameEvent event = decoder.next(in);
                assertTrue(((byte[]) BLOCK.get(decoder)).length <= limits.maxHeaderBlockSize(), "block buffer");
                assertTrue(((byte[]) CONTROL.get(decoder)).length <= Math.max(64, limits.maxFrameSize()),
                        "control buffer");
                if (event == null) {
                    assertTrue(!in.hasRemaining() || rejected, "null with input left");
                    break;
                }
                assertTrue(events.size() <= 2 * input.length + 2, "events without input: the decoder is looping");
                if (event instanceof FrameEvent.Data d) {
                    assertTrue(d.data().array() == input, "DATA is a view of the input");
                    int at = d.data().arrayOffset() + d.data().position();
                    assertTrue(at >= before && at + d.data().remaining() <= in.position(), "DATA outside what was read");
                }
                if (event instanceof FrameEvent.Headers h) {
                    assertTrue(h.block().remaining() <= limits.maxHeaderBlockSize(), "header block over the limit");
                }
                if (collect != null && !rejected && !(event instanceof FrameEvent.Rejected)) {
                    collect.add(copy(event));
                }
                add(events, event);
                if (event instanceof FrameEvent.Rejected r) {
                    rejected = true;
                    if (r.violation().connectionError()) {
                        int at = in.position();
                        assertNull(decoder.next(in), "an event after a connection error");
                        assertEquals(at, in.position(), "read after a connection error");
                        return events;
                    }
                }
            }
            from = to;
        }
        return events;
    }

    /** Writes the events again and decodes them: the same events (DATA's flow-controlled length aside: no padding). */
    private static void reencode(FrameLimits limits, List<FrameEvent> events) throws ReflectiveOperationException {
        if (events.isEmpty()) {
            return;
        }
        FrameEncoder encoder = new FrameEncoder();
        encoder.maxFrameSize(limits.maxFrameSize());
        ByteBuffer out = ByteBuffer.allocate(1 << 20);
        out.put(ConnectionPreface.bytes());
        for (FrameEvent event : events) {
            if (event instanceof FrameEvent.Headers h && h.streamError() != null) {
                return; // the dependency that made it an error is not kept
            }
        }
        List<FrameEvent> joined = joinData(events);
        for (FrameEvent event : joined) {
            switch (event) {
                case FrameEvent.Data d -> encoder.data(d.streamId(), d.data().duplicate(), d.endStream(), out);
                case FrameEvent.Headers h -> encoder.headers(h.streamId(), h.block().duplicate(), h.endStream(), out);
                case FrameEvent.Priority p -> encoder.priority(p.streamId(), 0, false, 16, out);
                case FrameEvent.RstStream r -> out.put(new byte[] {0, 0, 4, 3, 0}).putInt(r.streamId())
                        .putInt((int) r.errorCode());
                case FrameEvent.Settings s -> {
                    if (s.ack()) {
                        encoder.settingsAck(out);
                    } else {
                        encoder.settings(s.settings().stream().mapToInt(FrameEvent.Setting::id).toArray(),
                                s.settings().stream().mapToLong(FrameEvent.Setting::value).toArray(), out);
                    }
                }
                case FrameEvent.Ping p -> encoder.ping(p.ack(), p.opaque(), out);
                case FrameEvent.GoAway g -> out.put(goAway(g));
                case FrameEvent.WindowUpdate w -> encoder.windowUpdate(w.streamId(), w.increment(), out);
                case FrameEvent.Rejected r -> throw new AssertionError("rejections are not collected");
            }
        }
        byte[] again = Arrays.copyOf(out.array(), out.position());
        List<FrameEvent> decoded = new ArrayList<>();
        decode(limits, again, Splits.whole(again.length), decoded);
        assertEquals(describe(joined), describe(decoded), "written again");
    }

    /** A GOAWAY's frame, written by hand since FrameEncoder takes only the known error codes. */
    private static byte[] goAway(FrameEvent.GoAway g) {
        ByteBuffer b = ByteBuffer.allocate(17 + g.debugData().length);
        int length = 8 + g.debugData().length;
        b.put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length).put((byte) 7).put((byte) 0).putInt(0);
        b.putInt(g.lastStreamId()).putInt((int) g.errorCode()).put(g.debugData());
        return b.array();
    }

    private static List<String> describe(List<FrameEvent> events) {
        List<String> out = new ArrayList<>();
        for (FrameEvent e : joinData(events)) {
            add(out, e);
        }
        return out.stream().map(s -> s.replaceAll(" fc=\\d+", "")).toList();
    }

    /**
     * Consecutive DATA events of one stream as one (bytes joined, END_STREAM if any had it): written again without
     * padding, frames may merge or split differently, but each stream's bytes and their order stay.
     */
    private static List<FrameEvent> joinData(List<FrameEvent> events) {
        List<FrameEvent> joined = new ArrayList<>();
        for (FrameEvent event : events) {
            if (event instanceof FrameEvent.Data d && !joined.isEmpty() && joined.getLast() instanceof FrameEvent.Data p
                    && p.streamId() == d.streamId()) {
                joined.set(joined.size() - 1, new FrameEvent.Data(p.streamId(), concat(p.data(), d.data()), 1, 0,
                        p.endStream() || d.endStream()));
            } else {
                joined.add(event);
            }
        }
        return joined;
    }

    private static FrameEvent copy(FrameEvent event) {
        return switch (event) {
            case FrameEvent.Data d -> new FrameEvent.Data(d.streamId(), copy(d.data()), d.flowControlled(), d.padding(),
                    d.endStream());
            case FrameEvent.Headers h -> new FrameEvent.Headers(h.streamId(), copy(h.block()), h.endStream(),
                    h.streamError());
            default -> event;
        };
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate());
        return c.flip();
    }

    private static void add(List<String> events, FrameEvent event) {
        if (event instanceof FrameEvent.Data d && d.flowControlled() == 0 && !events.isEmpty()
                && events.getLast().startsWith("data " + d.streamId() + " ")) {
            String prev = events.getLast();
            boolean end = d.endStream() || prev.contains(" end=true ");
            events.set(events.size() - 1, prev.replace(" end=false ", " end=" + end + " ") + hex(d.data()));
            return;
        }
        events.add(switch (event) {
            case FrameEvent.Data d -> "data " + d.streamId() + " fc=" + d.flowControlled() + " end=" + d.endStream()
                    + " " + hex(d.data());
            case FrameEvent.Headers h -> "headers " + h.streamId() + " " + h.endStream() + " " + hex(h.block()) + " "
                    + h.streamError();
            case FrameEvent.Rejected r -> r.violation() + " " + r.streamId();
            case FrameEvent.GoAway g -> "goaway " + g.lastStreamId() + " " + g.errorCode() + " "
                    + HexFormat.of().formatHex(g.debugData());
            default -> event.toString();
        });
    }

    private static String hex(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] bytes = new byte[d.remaining()];
        d.get(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static ByteBuffer concat(ByteBuffer a, ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(a.remaining() + b.remaining());
        return c.put(a.duplicate()).put(b.duplicate()).flip();
    }
}
