package io.jvicorn.server.websocket.conformance;

import static io.jvicorn.server.websocket.conformance.ClientFrames.repeat;

import java.util.ArrayList;
import java.util.List;

/** Section 1: text and binary messages of every length encoding, whole and written in chops. */
final class FramingCases {
    private static final int[] LENGTHS = {0, 125, 126, 127, 128, 65535, 65536};

    private FramingCases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        for (int kind = 1; kind <= 2; kind++) {
            boolean binary = kind == 2;
            byte[] pattern = binary ? new byte[] {(byte) 0xFE} : ClientFrames.utf8("*");
            String what = binary ? "binary" : "text";
            for (int i = 0; i < LENGTHS.length; i++) {
                int length = LENGTHS[i];
                cases.add(ConformanceCase.of("1." + kind + "." + (i + 1),
                        "Send " + what + " message with payload length " + length,
                        () -> echo(binary, repeat(pattern, length), 0)));
            }
            cases.add(ConformanceCase.of("1." + kind + ".8",
                    "Send " + what + " message with payload length 65536, written in chops of 997 octets",
                    () -> echo(binary, repeat(pattern, 65536), 997)));
        }
        addEncodingCases(cases);
        return cases;
    }

    /** This suite's additions: RFC 6455 §5.1 and §5.2 rules on masking and length encodings. */
    private static void addEncodingCases(List<ConformanceCase> cases) {
        byte[] hello = ClientFrames.utf8("Hello");
        cases.add(ConformanceCase.of("1.x.1", "Text frame whose 5-byte length is written in the 16-bit form "
                + "(not minimal) fails with 1002", () -> Script.builder()
                        .send(ClientFrames.frame(true, 0, ClientFrames.TEXT, hello, 2, true))
                        .serverFails(1002).build()));
        cases.add(ConformanceCase.of("1.x.2", "Binary frame whose 200-byte length is written in the 64-bit form "
                + "(not minimal) fails with 1002", () -> Script.builder()
                        .send(ClientFrames.frame(true, 0, ClientFrames.BINARY, repeat(hello, 200), 8, true))
                        .serverFails(1002).build()));
        cases.add(ConformanceCase.of("1.x.3", "Frame whose 64-bit length has the most significant bit set fails "
                + "with 1002", () -> {
                    byte[] f = ClientFrames.frame(true, 0, ClientFrames.BINARY, hello, 8, true);
                    f[2] = (byte) 0x80; // 2^63 + 5
                    return Script.builder().send(f).serverFails(1002).build();
                }));
        cases.add(ConformanceCase.of("1.x.4", "Unmasked text frame from the client fails with 1002",
                () -> Script.builder().send(ClientFrames.frame(true, 0, ClientFrames.TEXT, hello, 0, false))
                        .serverFails(1002).build()));
        cases.add(ConformanceCase.of("1.x.5", "Masked frame with an all-zero masking key is still a masked frame "
                + "and is echoed", () -> {
                    byte[] f = ClientFrames.text(hello);
                    System.arraycopy(new byte[4], 0, f, 2, 4);
                    System.arraycopy(hello, 0, f, 6, hello.length);
                    return Script.builder().send(f).expect(Behavior.OK, Event.text(hello)).build();
                }));
    }

    private static Script echo(boolean binary, byte[] payload, int chop) {
        byte[] frame = binary ? ClientFrames.binary(payload) : ClientFrames.text(payload);
        return Script.builder()
                .sendChopped(frame, chop)
                .expect(Behavior.OK, Event.message(binary, payload))
                .build();
    }
}
