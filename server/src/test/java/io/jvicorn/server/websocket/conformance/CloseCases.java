package io.jvicorn.server.websocket.conformance;

import static io.jvicorn.server.websocket.conformance.ClientFrames.CLOSE;
import static io.jvicorn.server.websocket.conformance.ClientFrames.CONTINUATION;
import static io.jvicorn.server.websocket.conformance.ClientFrames.TEXT;
import static io.jvicorn.server.websocket.conformance.ClientFrames.closePayload;
import static io.jvicorn.server.websocket.conformance.ClientFrames.frame;
import static io.jvicorn.server.websocket.conformance.ClientFrames.hex;
import static io.jvicorn.server.websocket.conformance.ClientFrames.repeat;
import static io.jvicorn.server.websocket.conformance.ClientFrames.utf8;

import java.util.ArrayList;
import java.util.List;

/**
 * Section 7: the closing handshake. Anything after the client's close is ignored; a close payload is empty or a valid
 * code with a UTF-8 reason of at most 123 bytes; the server echoes a valid code (or answers 1000) and closes TCP.
 */
final class CloseCases {
    private static final int[] VALID_CODES = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999,
        4000, 4999};
    private static final int[] INVALID_CODES = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999};

    private CloseCases() {
    }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        byte[] normal = closePayload(1000, new byte[0]);
        cases.add(ConformanceCase.of("7.1.1", "Send a message, then close once it is echoed",
                () -> Script.builder().send(ClientFrames.text("Hello World!"))
                        .expect(Behavior.OK, Event.text("Hello World!")).build()));
        cases.add(ConformanceCase.of("7.1.2", "Send two close frames",
                () -> Script.builder().sendClose(normal).send(frame(true, CLOSE, new byte[0])).build()));
        cases.add(ConformanceCase.of("7.1.3", "Send a ping after the close frame",
                () -> Script.builder().sendClose(normal).send(ClientFrames.ping("out of band ping")).build()));
        cases.add(ConformanceCase.of("7.1.4", "Send a text message after the close frame",
                () -> Script.builder().sendClose(normal).send(ClientFrames.text("out of band text")).build()));
        cases.add(ConformanceCase.of("7.1.5", "Send message fragment 1, then the close frame, then fragment 2",
                () -> Script.builder().send(frame(false, TEXT, utf8("fragment1"))).sendClose(normal)
                        .send(frame(true, CONTINUATION, utf8("fragment2"))).build()));
        cases.add(ConformanceCase.of("7.1.6", "Send a 256 KiB message and a small one, then close, then a ping, "
                + "back to back (whether the echoes precede the close is the server's choice)",
                () -> Script.builder()
                        .send(ClientFrames.text(repeat("BAsd7&jh23", 256 * 1024)))
                        .send(ClientFrames.text("Hello World!"))
                        .sendClose(normal)
                        .send(ClientFrames.ping(new byte[0]))
                        .informational().build()));

        cases.add(ConformanceCase.of("7.3.1", "Send a close frame with payload length 0 (no code, no reason)",
                () -> Script.builder().sendClose(new byte[0]).clientCloses(true, 1000, CloseRule.EMPTY).build()));
        cases.add(ConformanceCase.of("7.3.2", "Send a close frame with payload length 1",
                () -> Script.builder().sendClose(new byte[] {0x03}).clientCloses(false, 1002).build()));
        cases.add(ConformanceCase.of("7.3.3", "Send a close frame with payload length 2 (code, no reason)",
                () -> Script.builder().sendClose(normal).build()));
        cases.add(ConformanceCase.of("7.3.4", "Send a close frame with a code and a reason",
                () -> Script.builder().sendClose(closePayload(1000, utf8("Hello World!"))).build()));
        cases.add(ConformanceCase.of("7.3.5", "Send a close frame with a code and a reason of 123 octets",
                () -> Script.builder().sendClose(closePayload(1000, repeat("*", 123))).build()));
        cases.add(ConformanceCase.of("7.3.6", "Send a close frame with a code and a reason of 124 octets",
                () -> Script.builder().sendClose(closePayload(1000, repeat("*", 124)))
                        .clientCloses(false, 1002).build()));
        cases.add(ConformanceCase.of("7.5.1", "Send a close frame whose reason is invalid UTF-8",
                () -> Script.builder()
                        .sendClose(closePayload(1000, hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64")))
                        .clientCloses(false, 1007).build()));
        for (int i = 0; i < VALID_CODES.length; i++) {
            int code = VALID_CODES[i];
            cases.add(ConformanceCase.of("7.7." + (i + 1), "Send a close frame with valid code " + code,
                    () -> Script.builder().sendClose(closePayload(code, new byte[0]))
                            .clientCloses(true, code, 1000).build()));
        }
        for (int i = 0; i < INVALID_CODES.length; i++) {
            int code = INVALID_CODES[i];
            cases.add(ConformanceCase.of("7.9." + (i + 1), "Send a close frame with invalid code " + code,
                    () -> Script.builder().sendClose(closePayload(code, new byte[0]))
                            .clientCloses(false, 1002).build()));
        }
        cases.add(ConformanceCase.of("7.13.1", "Send a close frame with code 5000 (outside the registered ranges)",
                () -> Script.builder().sendClose(closePayload(5000, new byte[0]))
                        .clientCloses(false, 1000, 5000, 1002).informational().build()));
        cases.add(ConformanceCase.of("7.13.2", "Send a close frame with code 65535",
                () -> Script.builder().sendClose(closePayload(65535, new byte[0]))
                        .clientCloses(false, 1000, 65535, 1002).informational().build()));
        return cases;
    }
}
