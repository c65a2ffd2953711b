package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Autobahn section 6: text messages are valid UTF-8 or fail with 1007, as early as the bad byte arrives. */
class Utf8MessageTest {

    private static void assertOutcome(EchoPeer peer, byte[] bytes, boolean valid) {
        if (valid) {
            assertNull(peer.failure());
            Expect.bytes(Frames.server(Frames.FIN | Frames.TEXT, bytes), peer.output());
        } else {
            Expect.failed(peer, CloseStatus.INVALID_PAYLOAD);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jvicorn.websocket.codec.Utf8Cases#all")
    void singleFrame(String name, byte[] bytes, boolean valid, boolean rejectedEarly) {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.client(Frames.FIN | Frames.TEXT, bytes));
            assertOutcome(peer, bytes, valid);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jvicorn.websocket.codec.Utf8Cases#all")
    void twoFragmentsSplitAtEveryByte(String name, byte[] bytes, boolean valid, boolean rejectedEarly) {
        for (int split = 0; split <= bytes.length; split++) {
            try (EchoPeer peer = new EchoPeer()) {
                peer.feed(Frames.concat(
                        Frames.client(Frames.TEXT, Arrays.copyOfRange(bytes, 0, split)),
                        Frames.client(Frames.FIN | Frames.CONTINUATION, Arrays.copyOfRange(bytes, split, bytes.length))));
                assertOutcome(peer, bytes, valid);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jvicorn.websocket.codec.Utf8Cases#all")
    void oneByteFragmentsAndOneByteReads(String name, byte[] bytes, boolean valid, boolean rejectedEarly) {
        byte[] wire = new byte[0];
        for (int i = 0; i < bytes.length; i++) {
            int first = (i == 0 ? Frames.TEXT : Frames.CONTINUATION) | (i == bytes.length - 1 ? Frames.FIN : 0);
            wire = Frames.concat(wire, Frames.client(first, new byte[] {bytes[i]}));
        }
        try (EchoPeer peer = new EchoPeer()) {
            peer.feedChopped(wire, 1);
            assertOutcome(peer, bytes, valid);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.jvicorn.websocket.codec.Utf8Cases#all")
    void failsFastInsideAFrame(String name, byte[] bytes, boolean valid, boolean rejectedEarly) {
        // The frame announces the sample plus 64 more bytes, but only the sample arrives (Autobahn 6.4.3/6.4.4).
        byte[] payload = Frames.concat(bytes, Frames.repeat("x", 64));
        byte[] frame = Frames.client(Frames.FIN | Frames.TEXT, payload);
        int headerLength = frame.length - payload.length;
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Arrays.copyOf(frame, headerLength + bytes.length));
            if (rejectedEarly) {
                Expect.failed(peer, CloseStatus.INVALID_PAYLOAD);
            } else {
                assertNull(peer.failure());
            }
        }
    }

    @Test
    void failsFastAtAFragmentBoundary() {
        // Autobahn 6.4.1: "kosme" + F4 is a valid prefix; 90 80 80 makes it invalid; the last fragment never comes.
        byte[] kosme = "κόσμε".getBytes(StandardCharsets.UTF_8);
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.client(Frames.TEXT, Frames.concat(kosme, Frames.hex("f4"))));
            assertNull(peer.failure());
            peer.feed(Frames.client(Frames.CONTINUATION, Frames.hex("90 80 80")));
            Expect.failed(peer, CloseStatus.INVALID_PAYLOAD);
        }
    }

    @Test
    void binaryMessagesAreNotValidated() {
        byte[] bytes = Frames.hex("ff fe ed a0 80 c0 af");
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.binary(bytes));
            Expect.bytes(Frames.server(Frames.FIN | Frames.BINARY, bytes), peer.output());
        }
    }

    @Test
    void validatorRestartsForEachMessage() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.concat(Frames.text("a\u20ac"), Frames.client(Frames.FIN | Frames.TEXT, Frames.hex("82"))));
            assertEquals("a\u20ac", ((WebSocketEvent.TextMessage) peer.events.get(0)).text());
            Expect.failed(peer, CloseStatus.INVALID_PAYLOAD);
        }
    }
}
