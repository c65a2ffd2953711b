package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Autobahn section 4: reserved opcodes fail the connection, before or after a valid message. */
class OpcodeTest {

    static Stream<Arguments> reservedOpcodes() {
        return IntStream.of(3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF).boxed().flatMap(op -> Stream.of(
                Arguments.of(op, new byte[0]),
                Arguments.of(op, Frames.utf8("reserved opcode payload"))));
    }

    @ParameterizedTest(name = "opcode {0}, {1}")
    @MethodSource("reservedOpcodes")
    void reservedOpcodeFails(int opcode, byte[] payload) {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.client(Frames.FIN | opcode, payload));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }

    @ParameterizedTest(name = "opcode {0} between messages, {1}")
    @MethodSource("reservedOpcodes")
    void reservedOpcodeAfterValidMessageFailsAfterTheEcho(int opcode, byte[] payload) {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.concat(Frames.text("Hello, world!"), Frames.client(Frames.FIN | opcode, payload),
                    Frames.client(Frames.FIN | Frames.PING, new byte[0])));
            assertInstanceOf(WebSocketEvent.TextMessage.class, peer.events.get(0));
            assertEquals(2, peer.events.size());
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }
}
