package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Autobahn section 3: reserved bits fail the connection, RSV1 means compression only when it was negotiated. */
class ReservedBitsTest {

    static Stream<Arguments> rsvOnEveryKind() {
        return IntStream.rangeClosed(1, 7).boxed().flatMap(rsv -> Stream.of(
                Arguments.of(rsv, Frames.TEXT, Frames.utf8("Hello, world!")),
                Arguments.of(rsv, Frames.BINARY, new byte[] {0, 1, 2}),
                Arguments.of(rsv, Frames.PING, Frames.utf8("Hello, world!")),
                Arguments.of(rsv, Frames.CLOSE, Frames.closePayload(1000, new byte[0]))));
    }

    @ParameterizedTest(name = "RSV={0} on opcode {1}")
    @MethodSource("rsvOnEveryKind")
    void anyReservedBitFailsWithoutExtension(int rsv, int opcode, byte[] payload) {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.client(Frames.FIN | (rsv << 4) | opcode, payload));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
            assertEquals(1, peer.events.size());
        }
    }

    @Test
    void validMessageBeforeReservedBitIsEchoedFirst() {
        // Autobahn 3.2: the echo of the preceding message comes before the failure.
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.concat(Frames.text("Hello, world!"),
                    Frames.client(Frames.FIN | 0x20 | Frames.TEXT, Frames.utf8("Hello, world!")),
                    Frames.client(Frames.FIN | Frames.PING, new byte[0])));
            byte[] echo = Frames.server(Frames.FIN | Frames.TEXT, Frames.utf8("Hello, world!"));
            Expect.bytes(echo, java.util.Arrays.copyOf(peer.output(), echo.length));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
            assertEquals(2, peer.events.size(), "the ping after the failure is ignored");
        }
    }

    static Stream<Arguments> rsv1WithDeflate() {
        return Stream.of(
                Arguments.of("RSV1 on ping", Frames.client(Frames.FIN | Frames.RSV1 | Frames.PING, new byte[0])),
                Arguments.of("RSV1 on close", Frames.client(Frames.FIN | Frames.RSV1 | Frames.CLOSE, new byte[0])),
                Arguments.of("RSV1 on a continuation", Frames.concat(
                        Frames.client(Frames.RSV1 | Frames.TEXT, Frames.hex("f2 48 cd")),
                        Frames.client(Frames.FIN | Frames.RSV1 | Frames.CONTINUATION, Frames.hex("c9 c9 07 00")))),
                Arguments.of("RSV2 on text", Frames.client(Frames.FIN | 0x20 | Frames.TEXT, new byte[0])),
                Arguments.of("RSV3 on text", Frames.client(Frames.FIN | 0x10 | Frames.TEXT, new byte[0])));
    }

    @ParameterizedTest(name = "{0} fails even with permessage-deflate")
    @MethodSource("rsv1WithDeflate")
    void rsvMisuseFailsWithDeflate(String name, byte[] wire) {
        try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults(), new DeflateAgreement(false, false, 0))) {
            peer.feed(wire);
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }
}
