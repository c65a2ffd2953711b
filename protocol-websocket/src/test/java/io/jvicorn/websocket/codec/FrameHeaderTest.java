package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Header rules that Autobahn does not cover: masking, minimal lengths, the 64-bit length's top bit. */
class FrameHeaderTest {

    private static final byte[] KEY = {0x37, (byte) 0xfa, 0x21, 0x3d};

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("unmasked text", Frames.unmaskedClient(Frames.FIN | Frames.TEXT, Frames.utf8("Hello")),
                        "client frame is not masked"),
                Arguments.of("unmasked close", Frames.unmaskedClient(Frames.FIN | Frames.CLOSE, new byte[0]),
                        "client frame is not masked"),
                Arguments.of("125 bytes in the 16-bit form", Frames.client(Frames.FIN | Frames.BINARY, new byte[125],
                        KEY, Frames.LengthForm.SIXTEEN_BIT), "non-minimal frame length"),
                Arguments.of("0 bytes in the 16-bit form", Frames.client(Frames.FIN | Frames.BINARY, new byte[0],
                        KEY, Frames.LengthForm.SIXTEEN_BIT), "non-minimal frame length"),
                Arguments.of("65535 bytes in the 64-bit form", Frames.client(Frames.FIN | Frames.BINARY,
                        new byte[65535], KEY, Frames.LengthForm.SIXTY_FOUR_BIT), "non-minimal frame length"),
                Arguments.of("126 bytes in the 64-bit form", Frames.client(Frames.FIN | Frames.BINARY,
                        new byte[126], KEY, Frames.LengthForm.SIXTY_FOUR_BIT), "non-minimal frame length"),
                Arguments.of("64-bit length with the top bit set",
                        Frames.clientHeader64(Frames.FIN | Frames.BINARY, 0x8000_0000_0000_0000L),
                        "frame length has the most significant bit set"),
                Arguments.of("64-bit length of all ones", Frames.clientHeader64(Frames.FIN | Frames.BINARY, -1L),
                        "frame length has the most significant bit set"),
                Arguments.of("ping with a 16-bit length", Frames.client(Frames.FIN | Frames.PING, new byte[3], KEY,
                        Frames.LengthForm.SIXTEEN_BIT), "control frame longer than 125 bytes"),
                Arguments.of("close without FIN", Frames.client(Frames.CLOSE, new byte[0]), "fragmented control frame"),
                Arguments.of("reserved opcode 3", Frames.client(Frames.FIN | 3, new byte[0]), "reserved opcode 3"),
                Arguments.of("RSV2", Frames.client(Frames.FIN | 0x20 | Frames.TEXT, new byte[0]),
                        "reserved bits RSV2/RSV3 set"),
                Arguments.of("RSV1 without deflate", Frames.client(Frames.FIN | Frames.RSV1 | Frames.TEXT,
                        new byte[0]), "reserved bit RSV1 set"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    void rejectsHeader(String name, byte[] wire, String reason) {
        for (int chop : new int[] {wire.length, 1}) {
            try (EchoPeer peer = new EchoPeer()) {
                peer.feedChopped(wire, chop);
                Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
                assertEquals(reason, peer.failure().reason());
            }
        }
    }

    @Test
    void minimalLengthsAtTheBoundariesAreAccepted() {
        for (int length : new int[] {125, 126, 65535, 65536}) {
            try (EchoPeer peer = new EchoPeer()) {
                peer.feed(Frames.client(Frames.FIN | Frames.BINARY, new byte[length], KEY, Frames.LengthForm.MINIMAL));
                assertNull(peer.failure());
            }
        }
    }

    @Test
    void firstTwoBytesAreEnoughToReject() {
        byte[] wire = Frames.client(Frames.FIN | 0xB, Frames.utf8("payload"));
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Arrays.copyOf(wire, 2));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }

    @Test
    void rfc6455MaskedHelloExample() {
        // RFC 6455 §5.7: a single-frame masked text message containing "Hello".
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
            assertEquals("Hello", ((WebSocketEvent.TextMessage) peer.events.get(0)).text());
            Expect.bytes(Frames.hex("81 05 48 65 6c 6c 6f"), peer.output());
        }
    }
}
