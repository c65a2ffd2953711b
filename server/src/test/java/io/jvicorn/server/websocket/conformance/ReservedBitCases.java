package io.jvicorn.server.websocket.conformance;

import static io.jvicorn.server.websocket.conformance.ClientFrames.frame;
import static io.jvicorn.server.websocket.conformance.ClientFrames.hex;
import static io.jvicorn.server.websocket.conformance.ClientFrames.utf8;

import java.util.List;

/**
 * Section 3: a reserved bit without an extension that defines it fails the connection with 1002. When a valid message
 * precedes the bad frame, its echo may or may not get out first (NON-STRICT without it).
 */
final class ReservedBitCases {
    private static final String HELLO = "Hello, world!";

    private ReservedBitCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                ConformanceCase.of("3.1", "Send small text message with RSV = 1",
                        () -> fails(frame(true, 1, ClientFrames.TEXT, utf8(HELLO)))),
                ConformanceCase.of("3.2", "Send small text message, then again with RSV = 2, then ping",
                        () -> echoThenFail(2, Mode.TOGETHER)),
                ConformanceCase.of("3.3", "Send small text message, then again with RSV = 3, then ping; "
                        + "frame-wise writes", () -> echoThenFail(3, Mode.FRAME_WISE)),
                ConformanceCase.of("3.4", "Send small text message, then again with RSV = 4, then ping; "
                        + "octet-wise chops", () -> echoThenFail(4, Mode.OCTET_WISE)),
                ConformanceCase.of("3.5", "Send small binary message with RSV = 5",
                        () -> fails(frame(true, 5, ClientFrames.BINARY, hex("00 ff fe fd fc fb 00 ff")))),
                ConformanceCase.of("3.6", "Send ping with RSV = 6",
                        () -> fails(frame(true, 6, ClientFrames.PING, utf8(HELLO)))),
                ConformanceCase.of("3.7", "Send close with RSV = 7",
                        () -> fails(frame(true, 7, ClientFrames.CLOSE,
                                ClientFrames.closePayload(1000, new byte[0])))));
    }

    private static Script fails(byte[] frame) {
        return Script.builder().send(frame).serverFails(1002).build();
    }

    enum Mode { TOGETHER, FRAME_WISE, OCTET_WISE }

    /** A valid text message, the same with reserved bits {@code rsv}, then a ping that must not be answered. */
    static Script echoThenFail(int rsv, Mode mode) {
        byte[][] frames = {
            ClientFrames.text(HELLO), frame(true, rsv, ClientFrames.TEXT, utf8(HELLO)), ClientFrames.ping(new byte[0])
        };
        Script.Builder b = Script.builder();
        for (byte[] f : frames) {
            switch (mode) {
                case TOGETHER -> b.send(f);
                case FRAME_WISE -> b.sendSync(f);
                case OCTET_WISE -> b.sendChopped(f, 1);
            }
        }
        return b.expect(Behavior.OK, Event.text(HELLO)).expect(Behavior.NON_STRICT).serverFails(1002).build();
    }
}
