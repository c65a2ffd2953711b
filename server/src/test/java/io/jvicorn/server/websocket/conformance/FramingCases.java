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
        return cases;
    }

    private static Script echo(boolean binary, byte[] payload, int chop) {
        byte[] frame = binary ? ClientFrames.binary(payload) : ClientFrames.text(payload);
        return Script.builder()
                .sendChopped(frame, chop)
                .expect(Behavior.OK, Event.message(binary, payload))
                .build();
    }
}
