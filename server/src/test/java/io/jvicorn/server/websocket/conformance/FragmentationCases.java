package io.jvicorn.server.websocket.conformance;

import static io.jvicorn.server.websocket.conformance.ClientFrames.CONTINUATION;
import static io.jvicorn.server.websocket.conformance.ClientFrames.PING;
import static io.jvicorn.server.websocket.conformance.ClientFrames.PONG;
import static io.jvicorn.server.websocket.conformance.ClientFrames.TEXT;
import static io.jvicorn.server.websocket.conformance.ClientFrames.frame;
import static io.jvicorn.server.websocket.conformance.ClientFrames.utf8;

import java.util.ArrayList;
import java.util.List;

/**
 * Section 5: fragmentation. Control frames may not be fragmented but may come between fragments; a continuation
 * needs a message to continue; a new message may not start inside one.
 */
final class FragmentationCases {
    private FragmentationCases() {
    }

    /** How the frames of a case leave the client. */
    enum Writes { TOGETHER, FRAME_WISE, OCTET_WISE }

    static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(ConformanceCase.of("5.1", "Send ping fragmented into 2 fragments",
                () -> fails(Writes.TOGETHER, frame(false, PING, utf8("fragment1")),
                        frame(true, CONTINUATION, utf8("fragment2")))));
        cases.add(ConformanceCase.of("5.2", "Send pong fragmented into 2 fragments",
                () -> fails(Writes.TOGETHER, frame(false, PONG, utf8("fragment1")),
                        frame(true, CONTINUATION, utf8("fragment2")))));
        int n = 3;
        for (Writes w : Writes.values()) {
            cases.add(ConformanceCase.of("5." + n++, "Send text message fragmented into 2 fragments" + how(w),
                    () -> send(Script.builder(), w, frame(false, TEXT, utf8("fragment1")),
                            frame(true, CONTINUATION, utf8("fragment2")))
                            .expect(Behavior.OK, Event.text("fragment1fragment2")).build()));
        }
        for (Writes w : Writes.values()) {
            cases.add(ConformanceCase.of("5." + n++, "Send text message fragmented into 2 fragments, with a ping "
                    + "between them" + how(w),
                    () -> send(Script.builder(), w, frame(false, TEXT, utf8("fragment1")),
                            ClientFrames.ping("ping payload"), frame(true, CONTINUATION, utf8("fragment2")))
                            .expect(Behavior.OK, Event.pong("ping payload"), Event.text("fragment1fragment2"))
                            .build()));
        }
        for (Writes w : Writes.values()) {
            cases.add(ConformanceCase.of("5." + n++, "Send unfragmented text message after a continuation frame "
                    + "with FIN = true, where there is nothing to continue" + how(w),
                    () -> fails(w, frame(true, CONTINUATION, utf8("non-continuation payload")),
                            ClientFrames.text("Hello, world!"))));
        }
        for (Writes w : Writes.values()) {
            cases.add(ConformanceCase.of("5." + n++, "Send unfragmented text message after a continuation frame "
                    + "with FIN = false, where there is nothing to continue" + how(w),
                    () -> fails(w, frame(false, CONTINUATION, utf8("non-continuation payload")),
                            ClientFrames.text("Hello, world!"))));
        }
        cases.add(ConformanceCase.of("5.15", "Send text message in 2 fragments, then a continuation frame with "
                + "FIN = false where there is nothing to continue, then an unfragmented text message",
                () -> Script.builder()
                        .send(frame(false, TEXT, utf8("fragment1")))
                        .send(frame(true, CONTINUATION, utf8("fragment2")))
                        .send(frame(false, CONTINUATION, utf8("fragment3")))
                        .send(frame(true, TEXT, utf8("fragment4")))
                        .expect(Behavior.OK, Event.text("fragment1fragment2"))
                        .expect(Behavior.NON_STRICT)
                        .serverFails(1002).build()));
        cases.add(ConformanceCase.of("5.16", "Twice: a continuation frame with FIN = false where there is nothing "
                + "to continue, then a text message in 2 fragments", () -> repeatedOrphan(false)));
        cases.add(ConformanceCase.of("5.17", "Twice: a continuation frame with FIN = true where there is nothing "
                + "to continue, then a text message in 2 fragments", () -> repeatedOrphan(true)));
        cases.add(ConformanceCase.of("5.18", "Send text message in 2 fragments with both frame opcodes set to text",
                () -> fails(Writes.TOGETHER, frame(false, TEXT, utf8("fragment1")),
                        frame(true, TEXT, utf8("fragment2")))));
        cases.add(ConformanceCase.of("5.19", "Text message in 5 fragments with a ping after the 2nd and the 4th; "
                + "the rest is sent only after the first pong came back", () -> pingsBetweenFragments(false)));
        cases.add(ConformanceCase.of("5.20", "As 5.19, every frame written on its own",
                () -> pingsBetweenFragments(true)));
        return cases;
    }

    private static String how(Writes w) {
        return switch (w) {
            case TOGETHER -> "";
            case FRAME_WISE -> "; frame-wise writes";
            case OCTET_WISE -> "; octet-wise chops";
        };
    }

    private static Script.Builder send(Script.Builder b, Writes w, byte[]... frames) {
        for (byte[] f : frames) {
            switch (w) {
                case TOGETHER -> b.send(f);
                case FRAME_WISE -> b.sendSync(f);
                case OCTET_WISE -> b.sendChopped(f, 1);
            }
        }
        return b;
    }

    private static Script fails(Writes w, byte[]... frames) {
        return send(Script.builder(), w, frames).serverFails(1002).build();
    }

    private static Script repeatedOrphan(boolean fin) {
        Script.Builder b = Script.builder();
        for (int i = 0; i < 2; i++) {
            b.send(frame(fin, CONTINUATION, utf8("fragment1")))
                    .send(frame(false, TEXT, utf8("fragment2")))
                    .send(frame(true, CONTINUATION, utf8("fragment3")));
        }
        return b.serverFails(1002).build();
    }

    /**
     * Autobahn pauses a second after the first ping; this waits for the first pong instead, which also proves that
     * the server answers a ping in the middle of a fragmented message without waiting for its end.
     */
    private static Script pingsBetweenFragments(boolean frameWise) {
        Writes w = frameWise ? Writes.FRAME_WISE : Writes.TOGETHER;
        Script.Builder b = Script.builder();
        send(b, w, frame(false, TEXT, utf8("fragment1")), frame(false, CONTINUATION, utf8("fragment2")),
                ClientFrames.ping("pongme 1!"));
        b.awaitEvents(1);
        send(b, w, frame(false, CONTINUATION, utf8("fragment3")), frame(false, CONTINUATION, utf8("fragment4")),
                ClientFrames.ping("pongme 2!"), frame(true, CONTINUATION, utf8("fragment5")));
        return b.expect(Behavior.OK, Event.pong("pongme 1!"), Event.pong("pongme 2!"),
                Event.text("fragment1fragment2fragment3fragment4fragment5")).build();
    }
}
