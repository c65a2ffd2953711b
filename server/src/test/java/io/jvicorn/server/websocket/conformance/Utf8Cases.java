package io.jvicorn.server.websocket.conformance;

import static io.jvicorn.server.websocket.conformance.ClientFrames.CONTINUATION;
import static io.jvicorn.server.websocket.conformance.ClientFrames.TEXT;
import static io.jvicorn.server.websocket.conformance.ClientFrames.concat;
import static io.jvicorn.server.websocket.conformance.ClientFrames.frame;
import static io.jvicorn.server.websocket.conformance.ClientFrames.hex;
import static io.jvicorn.server.websocket.conformance.ClientFrames.utf8;
import static io.jvicorn.server.websocket.conformance.Utf8Sequences.KOSME;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Section 6: text messages must be valid UTF-8 (RFC 6455 §8.1). Valid ones are echoed, invalid ones fail the connection
 * with 1007, also when the bad byte arrives in a later fragment or a later TCP segment; cases 6.4.x check that the
 * server fails as soon as the byte that makes the text invalid arrives. This suite adds each of a few sequences split
 * into two frames at every byte position.
 */
final class Utf8Cases {
    private static final String MIXED = "Hello-\u00B5@\u00DF\u00F6\u00E4\u00FC\u00E0\u00E1-UTF-8!!";
    /** κόσμε, a surrogate (ED A0 80), then "edited": invalid at its 13th byte. */
    private static final byte[] WITH_SURROGATE = concat(KOSME, hex("ed a0 80"), utf8("edited"));
    /** κόσμε, U+110000 in the UTF-8 bit pattern (F4 90 80 80, invalid at 0x90), then "edited". */
    private static final byte[] BEYOND_MAX = concat(KOSME, hex("f4 90 80 80"), utf8("edited"));
    /** How long a valid prefix must go unanswered before the rest is sent. */
    private static final Duration QUIET = Duration.ofMillis(300);
    /** How long the server has to fail after the invalid byte arrived, before the rest is sent anyway. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(2);

    private Utf8Cases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(ConformanceCase.of("6.1.1", "Send text message of length 0",
                () -> echo(ClientFrames.text(new byte[0])).expect(Behavior.OK, Event.text("")).build()));
        cases.add(ConformanceCase.of("6.1.2", "Send fragmented text message, 3 fragments each of length 0",
                () -> echo(frame(false, TEXT, new byte[0]), frame(false, CONTINUATION, new byte[0]),
                        frame(true, CONTINUATION, new byte[0])).expect(Behavior.OK, Event.text("")).build()));
        cases.add(ConformanceCase.of("6.1.3", "Send fragmented text message, 3 fragments, first and last of length 0,"
                + " middle non-empty",
                () -> echo(frame(false, TEXT, new byte[0]), frame(false, CONTINUATION, utf8("middle frame payload")),
                        frame(true, CONTINUATION, new byte[0]))
                        .expect(Behavior.OK, Event.text("middle frame payload")).build()));
        cases.add(ConformanceCase.of("6.2.1", "Send a valid UTF-8 text message in one fragment",
                () -> echo(ClientFrames.text(MIXED)).expect(Behavior.OK, Event.text(MIXED)).build()));
        cases.add(ConformanceCase.of("6.2.2", "Send a valid UTF-8 text message in two fragments, split on a code "
                + "point boundary",
                () -> echo(frame(false, TEXT, utf8("Hello-\u00B5@\u00DF\u00F6\u00E4")),
                        frame(true, CONTINUATION, utf8("\u00FC\u00E0\u00E1-UTF-8!!")))
                        .expect(Behavior.OK, Event.text(MIXED)).build()));
        cases.add(ConformanceCase.of("6.2.3", "Send a valid UTF-8 text message in fragments of 1 octet, so that "
                + "frames end inside code points",
                () -> echo(octetFrames(utf8(MIXED))).expect(Behavior.OK, Event.text(MIXED)).build()));
        cases.add(ConformanceCase.of("6.2.4", "Send a valid UTF-8 text message (κόσμε) in fragments of 1 octet",
                () -> echo(octetFrames(KOSME)).expect(Behavior.OK, Event.text(KOSME)).build()));
        cases.add(ConformanceCase.of("6.3.1", "Send invalid UTF-8 text message unfragmented",
                () -> Script.builder().send(ClientFrames.text(WITH_SURROGATE)).serverFails(1007).build()));
        cases.add(ConformanceCase.of("6.3.2", "Send invalid UTF-8 text message in fragments of 1 octet",
                () -> echo(octetFrames(WITH_SURROGATE)).serverFails(1007).build()));
        cases.add(ConformanceCase.of("6.4.1", "Invalid UTF-8 in 3 frames: valid, the invalid code point, the rest; "
                + "the server must fail right after the 2nd frame", () -> failFastFrames(11, 15)));
        cases.add(ConformanceCase.of("6.4.2", "As 6.4.1, the 2nd frame only the octet that makes the text invalid",
                () -> failFastFrames(12, 13)));
        cases.add(ConformanceCase.of("6.4.3", "Invalid UTF-8 in 3 chops of one frame: valid, the invalid code point,"
                + " the rest; the server must fail right after the 2nd chop", () -> failFastChops(11, 15)));
        cases.add(ConformanceCase.of("6.4.4", "As 6.4.3, the 2nd chop only the octet that makes the text invalid",
                () -> failFastChops(12, 13)));

        List<Utf8Sequences.Group> groups = Utf8Sequences.groups();
        for (int g = 0; g < groups.size(); g++) {
            List<Utf8Sequences.Sequence> sequences = groups.get(g).sequences();
            for (int s = 0; s < sequences.size(); s++) {
                Utf8Sequences.Sequence seq = sequences.get(s);
                cases.add(ConformanceCase.of("6." + (g + 5) + "." + (s + 1),
                        groups.get(g).title() + ": " + (seq.valid() ? "valid " : "invalid ") + hexOf(seq.bytes()),
                        () -> whole(seq)));
            }
        }

        addSplits(cases, "6.5.4", utf8("hello\uD852\uDF62world"), true);
        addSplits(cases, "6.5.5", KOSME, true);
        addSplits(cases, "6.11.5", hex("f4 90 80 80"), false);
        addSplits(cases, "6.3.1", WITH_SURROGATE, false);
        return cases;
    }

    private static Script.Builder echo(byte[]... frames) {
        Script.Builder b = Script.builder();
        for (byte[] f : frames) {
            b.send(f);
        }
        return b;
    }

    private static byte[][] octetFrames(byte[] text) {
        byte[][] frames = new byte[text.length][];
        for (int i = 0; i < text.length; i++) {
            frames[i] = frame(i == text.length - 1, i == 0 ? TEXT : CONTINUATION, new byte[] {text[i]});
        }
        return frames;
    }

    private static Script whole(Utf8Sequences.Sequence seq) {
        Script.Builder b = Script.builder().send(ClientFrames.text(seq.bytes()));
        return seq.valid() ? b.expect(Behavior.OK, Event.text(seq.bytes())).build() : b.serverFails(1007).build();
    }

    /** Three frames split at {@code first} and {@code second}; OK if the server fails before the third is sent. */
    private static Script failFastFrames(int first, int second) {
        byte[] p = BEYOND_MAX;
        return failFast(frame(false, TEXT, Arrays.copyOfRange(p, 0, first)),
                frame(false, CONTINUATION, Arrays.copyOfRange(p, first, second)),
                frame(true, CONTINUATION, Arrays.copyOfRange(p, second, p.length)));
    }

    /** One frame written in three pieces: the payload split at {@code first} and {@code second}. */
    private static Script failFastChops(int first, int second) {
        byte[] f = ClientFrames.text(BEYOND_MAX);
        int header = f.length - BEYOND_MAX.length;
        return failFast(Arrays.copyOfRange(f, 0, header + first), Arrays.copyOfRange(f, header + first, header + second),
                Arrays.copyOfRange(f, header + second, f.length));
    }

    /**
     * Autobahn's fail-fast pattern: after the valid first part the server must stay quiet (event "timeout A"); after
     * the part that makes the text invalid it must fail before the rest is sent. Failing only after the rest (both
     * timeouts) is NON-STRICT: the RFC does not require detection before the message ends.
     */
    private static Script failFast(byte[] part1, byte[] part2, byte[] part3) {
        return Script.builder()
                .sendSync(part1).pause("A", QUIET)
                .sendSync(part2).pause("B", FAIL_FAST)
                .sendSync(part3)
                .expect(Behavior.OK, Event.timeout("A"))
                .expect(Behavior.NON_STRICT, Event.timeout("A"), Event.timeout("B"))
                .serverFails(1007).build();
    }

    /** This suite's addition: {@code text} in two frames, split after each byte in turn. */
    private static void addSplits(List<ConformanceCase> cases, String base, byte[] text, boolean valid) {
        for (int at = 1; at < text.length; at++) {
            int split = at;
            cases.add(ConformanceCase.of(base + "/split@" + split, "The payload of " + base + " (" + hexOf(text)
                    + ") in two frames, split after byte " + split,
                    () -> {
                        Script.Builder b = echo(frame(false, TEXT, Arrays.copyOfRange(text, 0, split)),
                                frame(true, CONTINUATION, Arrays.copyOfRange(text, split, text.length)));
                        return valid ? b.expect(Behavior.OK, Event.text(text)).build() : b.serverFails(1007).build();
                    }));
        }
    }

    private static String hexOf(byte[] bytes) {
        return bytes.length > 24 ? HexFormat.of().formatHex(bytes, 0, 24) + "…" : HexFormat.of().formatHex(bytes);
    }
}
