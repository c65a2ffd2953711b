package io.jvicorn.server.websocket.conformance;

import static io.jvicorn.server.websocket.conformance.ClientFrames.frame;
import static io.jvicorn.server.websocket.conformance.ClientFrames.utf8;

import java.util.ArrayList;
import java.util.List;

/** Section 4: reserved opcodes, data (3-7) and control (11-15), fail the connection with 1002. */
final class OpcodeCases {
    private static final byte[] PAYLOAD = utf8("reserved opcode payload");

    private OpcodeCases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        add(cases, "4.1", 3);
        add(cases, "4.2", 11);
        return cases;
    }

    /** Five cases for opcodes {@code first} to {@code first + 4}, as Autobahn arranges them. */
    private static void add(List<ConformanceCase> cases, String group, int first) {
        cases.add(ConformanceCase.of(group + ".1", "Send frame with reserved opcode " + first,
                () -> Script.builder().send(frame(true, first, new byte[0])).serverFails(1002).build()));
        cases.add(ConformanceCase.of(group + ".2", "Send frame with reserved opcode " + (first + 1) + " and payload",
                () -> Script.builder().send(frame(true, first + 1, PAYLOAD)).serverFails(1002).build()));
        for (int i = 2; i < 5; i++) {
            int opcode = first + i;
            byte[] payload = i == 2 ? new byte[0] : PAYLOAD;
            cases.add(ConformanceCase.of(group + "." + (i + 1), "Send small text message, then frame with reserved"
                    + " opcode " + opcode + (payload.length > 0 ? " and payload" : "") + ", then ping",
                    () -> Script.builder()
                            .send(ClientFrames.text("Hello, world!"))
                            .send(frame(true, opcode, payload))
                            .send(ClientFrames.ping(new byte[0]))
                            .expect(Behavior.OK, Event.text("Hello, world!"))
                            .expect(Behavior.NON_STRICT)
                            .serverFails(1002).build()));
        }
    }
}
