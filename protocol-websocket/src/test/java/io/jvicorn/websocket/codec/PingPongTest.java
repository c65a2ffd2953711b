package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Autobahn section 2: pings are answered with identical pongs, pongs are events, oversized or split pings fail. */
class PingPongTest {

    static Stream<Arguments> pingPayloads() {
        byte[] binary = {0x00, (byte) 0xFF, (byte) 0xFE, (byte) 0xFD, (byte) 0xFC, (byte) 0xFB, 0x00, (byte) 0xFF};
        return Stream.of(
                Arguments.of("2.1 empty", new byte[0], 0),
                Arguments.of("2.2 small text", Frames.utf8("Hello, world!"), 0),
                Arguments.of("2.3 small binary", binary, 0),
                Arguments.of("2.4 125 bytes", Frames.repeat("\u00fe", 125), 0),
                Arguments.of("2.6 125 bytes in 1-byte chops", Frames.repeat("\u00fe", 125), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pingPayloads")
    void answersPingWithIdenticalPong(String name, byte[] payload, int chop) {
        try (EchoPeer peer = new EchoPeer()) {
            byte[] ping = Frames.client(Frames.FIN | Frames.PING, payload);
            peer.feedChopped(ping, chop == 0 ? ping.length : chop);
            assertArrayEquals(payload, assertInstanceOf(WebSocketEvent.PingReceived.class, peer.events.get(0)).payload());
            Expect.bytes(Frames.server(Frames.FIN | Frames.PONG, payload), peer.output());
        }
    }

    @Test
    void pingOf126BytesFails() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.client(Frames.FIN | Frames.PING, new byte[126]));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }

    @Test
    void oversizedPingFailsFromItsFirstTwoBytes() {
        try (EchoPeer peer = new EchoPeer()) {
            byte[] ping = Frames.client(Frames.FIN | Frames.PING, new byte[126]);
            peer.feedSplit(ping, 2);
            assertEquals(1, peer.events.size());
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }

    @Test
    void unsolicitedPongsAreEventsWithoutAnswer() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.concat(
                    Frames.client(Frames.FIN | Frames.PONG, new byte[0]),
                    Frames.client(Frames.FIN | Frames.PONG, Frames.utf8("unsolicited pong payload"))));
            assertEquals(2, peer.events.size());
            assertArrayEquals(new byte[0], ((WebSocketEvent.PongReceived) peer.events.get(0)).payload());
            assertArrayEquals(Frames.utf8("unsolicited pong payload"),
                    ((WebSocketEvent.PongReceived) peer.events.get(1)).payload());
            assertEquals(0, peer.output().length);
        }
    }

    @ParameterizedTest(name = "ten pings, chop {0}")
    @MethodSource("chops")
    void answersTenPingsInOrder(int chop) {
        byte[] wire = new byte[0];
        byte[] expected = new byte[0];
        for (int i = 0; i < 10; i++) {
            byte[] payload = Frames.utf8("payload-" + i);
            wire = Frames.concat(wire, Frames.client(Frames.FIN | Frames.PING, payload));
            expected = Frames.concat(expected, Frames.server(Frames.FIN | Frames.PONG, payload));
        }
        try (EchoPeer peer = new EchoPeer()) {
            peer.feedChopped(wire, chop);
            Expect.bytes(expected, peer.output());
        }
    }

    static Stream<Integer> chops() {
        return Stream.of(1, 5, 1000);
    }

    @Test
    void fragmentedPingFails() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.client(Frames.PING, Frames.utf8("frag")));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }

    @Test
    void fragmentedPongFails() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.concat(Frames.client(Frames.PONG, Frames.utf8("a")),
                    Frames.client(Frames.FIN | Frames.CONTINUATION, Frames.utf8("b"))));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }

    @Test
    void encodesPingForKeepalive() {
        try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), null)) {
            OutboundFrame out = new OutboundFrame();
            session.encodePing(Frames.utf8("ka-1"), out);
            Expect.bytes(Frames.hex("89 04 6b 61 2d 31"), out.toByteArray());
            assertThrows(IllegalArgumentException.class, () -> session.encodePing(new byte[126], out));
            assertThrows(IllegalArgumentException.class, () -> session.encodePong(new byte[126], out));
        }
    }
}
