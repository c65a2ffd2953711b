package io.jvicorn.http2.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs bytes through a {@link FrameDecoder} whole, one byte at a time and cut in two at every offset, checks every way
 * gives the same events, and returns them as text (DATA pieces of one frame joined, since their cuts follow the input's).
 */
final class FrameHarness {
    /** The preface and an empty SETTINGS frame, as a client starts. */
    static final String START = HexFormat.of().formatHex(ConnectionPreface.bytes()) + "000000 04 00 00000000";

    private FrameHarness() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** The events of the input (after the preface and an empty SETTINGS, which are checked and left out). */
    static List<String> events(String hex) {
        return events(FrameLimits.DEFAULTS, hex);
    }

    static List<String> events(FrameLimits limits, String hex) {
        byte[] input = bytes(START + hex);
        List<String> whole = decode(limits, input, new int[] {input.length});
        int[] bytewise = new int[input.length];
        for (int i = 0; i < input.length; i++) {
            bytewise[i] = i + 1;
        }
        assertEquals(whole, decode(limits, input, bytewise), "one byte at a time");
        for (int cut = 1; cut < input.length; cut++) {
            assertEquals(whole, decode(limits, input, new int[] {cut, input.length}), "cut at " + cut);
        }
        assertEquals("settings ack=false []", whole.getFirst());
        return whole.subList(1, whole.size());
    }

    /** The events, and after a connection error how many bytes were read. */
    static List<String> decode(FrameLimits limits, byte[] input, int[] plan) {
        FrameDecoder decoder = new FrameDecoder(limits, true);
        List<String> events = new ArrayList<>();
        int from = 0;
        for (int to : plan) {
            ByteBuffer in = ByteBuffer.wrap(input, from, to - from);
            while (true) {
                FrameEvent event = decoder.next(in);
                if (event == null) {
                    break;
                }
                add(events, event);
                if (event instanceof FrameEvent.Rejected r && r.violation().connectionError()) {
                    events.add("read " + in.position());
                    assertEquals(null, decoder.next(in), "nothing after a connection error");
                    return events;
                }
            }
            assertTrue(!in.hasRemaining(), "null with input left");
            from = to;
        }
        return events;
    }

    private static void add(List<String> events, FrameEvent event) {
        String text = switch (event) {
            case FrameEvent.Data d -> "data " + d.streamId() + " fc=" + d.flowControlled()
                    + (d.padding() == 0 ? "" : "p" + d.padding()) + " end=" + d.endStream()
                    + " " + hex(d.data());
            case FrameEvent.Headers h -> "headers " + h.streamId() + " end=" + h.endStream() + " " + hex(h.block())
                    + (h.streamError() == null ? "" : " " + h.streamError());
            case FrameEvent.Priority p -> "priority " + p.streamId();
            case FrameEvent.RstStream r -> "rst " + r.streamId() + " " + r.errorCode();
            case FrameEvent.Settings s -> "settings ack=" + s.ack() + " " + s.settings().stream()
                    .map(x -> x.id() + "=" + x.value()).toList();
            case FrameEvent.Ping p -> "ping ack=" + p.ack() + " " + Long.toHexString(p.opaque());
            case FrameEvent.GoAway g -> "goaway " + g.lastStreamId() + " " + g.errorCode() + " "
                    + HexFormat.of().formatHex(g.debugData());
            case FrameEvent.WindowUpdate w -> "window " + w.streamId() + " " + w.increment();
            case FrameEvent.Rejected r -> r.violation() + " " + r.streamId();
        };
        int last = events.size() - 1;
        if (event instanceof FrameEvent.Data d && d.flowControlled() == 0 && last >= 0
                && events.get(last).startsWith("data " + d.streamId() + " ")) {
            // A later piece of the same frame: append its bytes, take its END_STREAM.
            String prev = events.get(last);
            String[] parts = prev.split(" ", -1);
            boolean end = d.endStream() || parts[3].equals("end=true");
            events.set(last, parts[0] + " " + parts[1] + " " + parts[2] + " end=" + end + " " + parts[4]
                    + hex(d.data()));
            return;
        }
        events.add(text);
    }

    static String hex(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] bytes = new byte[d.remaining()];
        d.get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
