package io.jvicorn.server.websocket.conformance;

import static io.jvicorn.server.websocket.conformance.ClientFrames.BINARY;
import static io.jvicorn.server.websocket.conformance.ClientFrames.CONTINUATION;
import static io.jvicorn.server.websocket.conformance.ClientFrames.TEXT;
import static io.jvicorn.server.websocket.conformance.ClientFrames.frame;
import static io.jvicorn.server.websocket.conformance.ClientFrames.repeat;

import io.jvicorn.server.websocket.conformance.ConformanceCase.Target;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Section 9: large messages, many small frames, small writes and round trips, plus this suite's 1009 cases against a
 * server limited to {@link #LIMIT} bytes per message. Messages above 4 MiB run only with
 * {@code -Djvicorn.conformance.full=true}.
 */
final class LimitCases {
    static final int LIMIT = 64 * 1024;
    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;
    private static final int DEFAULT_MAX = 4 * MIB;
    private static final Duration SLOW = Duration.ofSeconds(30);
    private static final byte[] TEXT_PATTERN = ClientFrames.utf8("BAsd7&jh23");
    private static final byte[] BINARY_PATTERN = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            BINARY_PATTERN[i] = (byte) i;
        }
    }

    private LimitCases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        int[] sizes = {64 * KIB, 256 * KIB, MIB, 4 * MIB, 8 * MIB, 16 * MIB};
        int[] fragments = {64, 256, KIB, 4 * KIB, 16 * KIB, 64 * KIB, 256 * KIB, MIB, 4 * MIB};
        int[] chops = {64, 128, 256, 512, 1024, 2048};
        int[] roundTrips = {0, 16, 64, 256, 1024, 4096};
        for (int kind = 0; kind < 2; kind++) {
            boolean binary = kind == 1;
            String what = binary ? "binary" : "text";
            for (int i = 0; i < sizes.length; i++) {
                int size = sizes[i];
                cases.add(new ConformanceCase("9." + (1 + kind) + "." + (i + 1), "Send " + what
                        + " message of " + size(size), Target.ECHO, size > DEFAULT_MAX,
                        () -> fragmented(binary, size, size)));
            }
            for (int i = 0; i < fragments.length; i++) {
                int fragment = fragments[i];
                cases.add(ConformanceCase.of("9." + (3 + kind) + "." + (i + 1), "Send " + what + " message of 4 MiB"
                        + " in fragments of " + size(fragment), () -> fragmented(binary, 4 * MIB, fragment)));
            }
            for (int i = 0; i < chops.length; i++) {
                int chop = chops[i];
                cases.add(ConformanceCase.of("9." + (5 + kind) + "." + (i + 1), "Send " + what + " message of 1 MiB"
                        + " written in chops of " + chop + " octets", () -> chopped(binary, chop)));
            }
            for (int i = 0; i < roundTrips.length; i++) {
                int size = roundTrips[i];
                cases.add(ConformanceCase.of("9." + (7 + kind) + "." + (i + 1), "Send 1000 " + what
                        + " messages of " + size + " octets, each after the previous echo", () -> roundTrips(binary, size)));
            }
        }
        addLimitCases(cases);
        return cases;
    }

    private static byte[] payload(boolean binary, int size) {
        return repeat(binary ? BINARY_PATTERN : TEXT_PATTERN, size);
    }

    private static Script fragmented(boolean binary, int size, int fragment) {
        byte[] payload = payload(binary, size);
        return Script.builder().send(fragments(binary, payload, fragment))
                .expect(Behavior.OK, Event.message(binary, payload)).eventTimeout(SLOW).build();
    }

    /** The message in frames of {@code fragment} payload bytes, as one byte array. */
    private static byte[] fragments(boolean binary, byte[] payload, int fragment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + payload.length / fragment * 14 + 14);
        int at = 0;
        do {
            int n = Math.min(fragment, payload.length - at);
            out.writeBytes(frame(at + n == payload.length, at == 0 ? (binary ? BINARY : TEXT) : CONTINUATION,
                    Arrays.copyOfRange(payload, at, at + n)));
            at += n;
        } while (at < payload.length);
        return out.toByteArray();
    }

    private static Script chopped(boolean binary, int chop) {
        byte[] payload = payload(binary, MIB);
        return Script.builder().sendChopped(frame(true, binary ? BINARY : TEXT, payload), chop)
                .expect(Behavior.OK, Event.message(binary, payload)).eventTimeout(SLOW).build();
    }

    private static Script roundTrips(boolean binary, int size) {
        byte[] payload = payload(binary, size);
        byte[] frame = frame(true, binary ? BINARY : TEXT, payload);
        Script.Builder b = Script.builder();
        List<Event> echoes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            b.send(frame).awaitEvents(i + 1);
            echoes.add(Event.message(binary, payload));
        }
        return b.expect(Behavior.OK, echoes).build();
    }

    /** This suite's additions: the message limit (1009) on the server that allows {@link #LIMIT} bytes. */
    private static void addLimitCases(List<ConformanceCase> cases) {
        cases.add(limited("9.x.1", "Limit: a text message of exactly the limit is echoed", () -> {
            byte[] p = payload(false, LIMIT);
            return Script.builder().send(frame(true, TEXT, p)).expect(Behavior.OK, Event.text(p)).build();
        }));
        cases.add(limited("9.x.2", "Limit: a fragmented text message of exactly the limit is echoed", () -> {
            byte[] p = payload(false, LIMIT);
            return Script.builder().send(fragments(false, p, LIMIT / 2)).expect(Behavior.OK, Event.text(p)).build();
        }));
        cases.add(limited("9.x.3", "Limit: a binary frame one byte over the limit fails with 1009",
                () -> Script.builder().send(frame(true, BINARY, payload(true, LIMIT + 1))).serverFails(1009).build()));
        cases.add(limited("9.x.4", "Limit: a text message over the limit in 3 fragments fails with 1009",
                () -> Script.builder().send(fragments(false, payload(false, 90_000), 30_000))
                        .serverFails(1009).build()));
        cases.add(limited("9.x.5", "Limit: a frame announcing 16 MiB fails with 1009 before its payload is sent "
                + "(NON-STRICT if only after)", () -> {
                    byte[] f = frame(true, BINARY, payload(true, 16 * MIB));
                    return Script.builder()
                            .sendSync(Arrays.copyOf(f, 14 + 1000)).pause("A", Duration.ofSeconds(2))
                            .send(Arrays.copyOfRange(f, 14 + 1000, f.length))
                            .expect(Behavior.OK).expect(Behavior.NON_STRICT, Event.timeout("A"))
                            .serverFails(1009).eventTimeout(SLOW).build();
                }));
        cases.add(limited("9.x.6", "Limit: a compressed message that inflates to exactly the limit is echoed",
                () -> {
                    byte[] p = payload(true, LIMIT);
                    return Script.builder().offer(ClientDeflate.NAME).requiresDeflate().sendMessage(true, p, 0)
                            .expect(Behavior.OK, Event.binary(p)).build();
                }));
        cases.add(limited("9.x.7", "Limit: a compressed message of 1 MiB of zeros (about 1 KiB on the wire) fails "
                + "with 1009", () -> Script.builder().offer(ClientDeflate.NAME).requiresDeflate()
                        .sendMessage(true, new byte[MIB], 0).serverFails(1009).build()));
    }

    private static ConformanceCase limited(String id, String description, java.util.function.Supplier<Script> s) {
        return new ConformanceCase(id, description, Target.LIMITED, false, s);
    }

    private static String size(int bytes) {
        return bytes >= MIB ? bytes / MIB + " MiB" : bytes >= KIB ? bytes / KIB + " KiB" : bytes + " octets";
    }
}
