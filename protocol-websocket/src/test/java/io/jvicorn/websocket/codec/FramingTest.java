package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Autobahn section 1: text and binary messages of boundary lengths, echoed, however the bytes arrive. */
class FramingTest {

    static Stream<Arguments> lengthsAndOpcodes() {
        return IntStream.of(0, 1, 125, 126, 127, 128, 65535, 65536)
                .boxed()
                .flatMap(n -> Stream.of(Arguments.of(Frames.TEXT, n), Arguments.of(Frames.BINARY, n)));
    }

    @ParameterizedTest(name = "opcode {0}, {1} bytes, whole")
    @MethodSource("lengthsAndOpcodes")
    void echoesWholeFrame(int opcode, int length) {
        byte[] payload = Frames.repeat("*", length);
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.client(Frames.FIN | opcode, payload));
            Expect.bytes(Frames.server(Frames.FIN | opcode, payload), peer.output());
            assertNull(peer.failure());
        }
    }

    @ParameterizedTest(name = "opcode {0}, {1} bytes, 997-byte chops")
    @MethodSource("lengthsAndOpcodes")
    void echoesChoppedFrame(int opcode, int length) {
        byte[] payload = Frames.repeat("BAsd7&jh23", length);
        try (EchoPeer peer = new EchoPeer()) {
            peer.feedChopped(Frames.client(Frames.FIN | opcode, payload), 997);
            Expect.bytes(Frames.server(Frames.FIN | opcode, payload), peer.output());
        }
    }

    @ParameterizedTest(name = "opcode {0}, {1} bytes, one byte at a time")
    @MethodSource("lengthsAndOpcodes")
    void echoesFrameFedByteByByte(int opcode, int length) {
        byte[] payload = Frames.repeat("xyz", length);
        try (EchoPeer peer = new EchoPeer()) {
            peer.feedChopped(Frames.client(Frames.FIN | opcode, payload), 1);
            Expect.bytes(Frames.server(Frames.FIN | opcode, payload), peer.output());
        }
    }

    @ParameterizedTest(name = "{0} bytes split at random offsets, buffers {1}")
    @MethodSource("lengthsAndBufferKinds")
    void echoesFrameSplitAtRandomOffsets(int length, EchoPeer.Buffers kind) {
        Random random = new Random(length * 31L + kind.ordinal());
        byte[] payload = new byte[length];
        random.nextBytes(payload);
        byte[] wire = Frames.concat(Frames.binary(payload), Frames.binary(payload));
        for (int round = 0; round < 20; round++) {
            int[] offsets = random.ints(3, 0, wire.length + 1).sorted().toArray();
            try (EchoPeer peer = new EchoPeer().using(kind)) {
                peer.feedSplit(wire, offsets);
                byte[] echo = Frames.server(Frames.FIN | Frames.BINARY, payload);
                Expect.bytes(Frames.concat(echo, echo), peer.output());
            }
        }
    }

    static Stream<Arguments> lengthsAndBufferKinds() {
        return IntStream.of(0, 7, 125, 126, 65535, 65536).boxed()
                .flatMap(n -> Stream.of(EchoPeer.Buffers.values()).map(kind -> Arguments.of(n, kind)));
    }

    @ParameterizedTest(name = "header split after byte {0}")
    @MethodSource("headerSplitPoints")
    void parsesHeaderSplitAtEveryByte(int split) {
        byte[] payload = Frames.repeat("0123456789", 70000);
        byte[] wire = Frames.binary(payload); // 14-byte header: 2 + 8 length bytes + 4 key bytes
        try (EchoPeer peer = new EchoPeer()) {
            peer.feedSplit(wire, split);
            Expect.bytes(Frames.server(Frames.FIN | Frames.BINARY, payload), peer.output());
        }
    }

    static IntStream headerSplitPoints() {
        return IntStream.rangeClosed(1, 14);
    }

    @ParameterizedTest(name = "many small messages in one read, {0} each")
    @MethodSource("smallLengths")
    void handlesManyMessagesInOneRead(int length) {
        byte[] one = Frames.text("é".repeat(length));
        byte[] wire = new byte[0];
        for (int i = 0; i < 50; i++) {
            wire = Frames.concat(wire, one);
        }
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(wire);
            assertEquals(50, peer.events.size());
            for (WebSocketEvent event : peer.events) {
                assertEquals("é".repeat(length), ((WebSocketEvent.TextMessage) event).text());
            }
        }
    }

    static IntStream smallLengths() {
        return IntStream.of(0, 1, 3, 62);
    }
}
