package io.jvicorn.server.websocket.conformance;

import static io.jvicorn.server.websocket.conformance.ClientFrames.hex;
import static io.jvicorn.server.websocket.conformance.ClientFrames.ping;
import static io.jvicorn.server.websocket.conformance.ClientFrames.pong;
import static io.jvicorn.server.websocket.conformance.ClientFrames.repeat;
import static io.jvicorn.server.websocket.conformance.ClientFrames.utf8;

import java.util.ArrayList;
import java.util.List;

/** Section 2: pings are answered with identical pongs, unsolicited pongs are ignored, oversized pings fail. */
final class PingPongCases {
    private PingPongCases() {
    }

    static List<ConformanceCase> all() {
        byte[] smallBinary = hex("00 ff fe fd fc fb 00 ff");
        byte[] max = repeat(new byte[] {(byte) 0xFE}, 125);
        return List.of(
                ConformanceCase.of("2.1", "Send ping without payload", () -> pingPong(new byte[0], 0)),
                ConformanceCase.of("2.2", "Send ping with small text payload",
                        () -> pingPong(utf8("Hello, world!"), 0)),
                ConformanceCase.of("2.3", "Send ping with small binary (non UTF-8) payload",
                        () -> pingPong(smallBinary, 0)),
                ConformanceCase.of("2.4", "Send ping with binary payload of 125 octets", () -> pingPong(max, 0)),
                ConformanceCase.of("2.5", "Send ping with binary payload of 126 octets",
                        () -> Script.builder().send(ping(repeat(new byte[] {(byte) 0xFE}, 126)))
                                .serverFails(1002).build()),
                ConformanceCase.of("2.6", "Send ping with binary payload of 125 octets, in octet-wise chops",
                        () -> pingPong(max, 1)),
                ConformanceCase.of("2.7", "Send unsolicited pong without payload",
                        () -> Script.builder().send(pong(new byte[0])).build()),
                ConformanceCase.of("2.8", "Send unsolicited pong with payload",
                        () -> Script.builder().send(pong(utf8("unsolicited pong payload"))).build()),
                ConformanceCase.of("2.9", "Send unsolicited pong with payload, then ping with payload",
                        () -> Script.builder().send(pong(utf8("unsolicited pong payload")))
                                .send(ping("ping payload"))
                                .expect(Behavior.OK, Event.pong("ping payload")).build()),
                ConformanceCase.of("2.10", "Send 10 pings with payload", () -> tenPings(0)),
                ConformanceCase.of("2.11", "Send 10 pings with payload, in octet-wise chops", () -> tenPings(1)));
    }

    private static Script pingPong(byte[] payload, int chop) {
        return Script.builder().sendChopped(ping(payload), chop).expect(Behavior.OK, Event.pong(payload)).build();
    }

    private static Script tenPings(int chop) {
        Script.Builder b = Script.builder();
        List<Event> pongs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            b.sendChopped(ping("payload-" + i), chop);
            pongs.add(Event.pong("payload-" + i));
        }
        return b.expect(Behavior.OK, pongs).build();
    }
}
