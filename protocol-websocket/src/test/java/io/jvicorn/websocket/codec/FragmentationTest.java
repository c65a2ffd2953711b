package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jvicorn.asgi.WebSocketReceive;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Autobahn section 5: fragmented messages, control frames between fragments, and continuation errors. */
class FragmentationTest {

    private static byte[] fragments(int opcode, List<byte[]> parts) {
        byte[] wire = new byte[0];
        for (int i = 0; i < parts.size(); i++) {
            int first = (i == 0 ? opcode : Frames.CONTINUATION) | (i == parts.size() - 1 ? Frames.FIN : 0);
            wire = Frames.concat(wire, Frames.client(first, parts.get(i)));
        }
        return wire;
    }

    @ParameterizedTest(name = "text in {0} fragments")
    @MethodSource("fragmentCounts")
    void reassemblesTextInFragments(int count) {
        String text = "fragment".repeat(40);
        byte[] bytes = Frames.utf8(text);
        List<byte[]> parts = IntStream.range(0, count)
                .mapToObj(i -> java.util.Arrays.copyOfRange(bytes, i * bytes.length / count,
                        (i + 1) * bytes.length / count))
                .toList();
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(fragments(Frames.TEXT, parts));
            assertEquals(new WebSocketReceive(null, text),
                    ((WebSocketEvent.TextMessage) peer.events.get(0)).toReceive());
            Expect.bytes(Frames.server(Frames.FIN | Frames.TEXT, bytes), peer.output());
        }
    }

    static IntStream fragmentCounts() {
        return IntStream.of(1, 2, 3, 17, 320);
    }

    @Test
    void reassemblesBinaryInFragmentsFedByteByByte() {
        byte[] a = {1, 2, 3};
        byte[] b = new byte[300];
        byte[] c = {};
        try (EchoPeer peer = new EchoPeer()) {
            peer.feedChopped(fragments(Frames.BINARY, List.of(a, b, c)), 1);
            WebSocketReceive receive = ((WebSocketEvent.BinaryMessage) peer.events.get(0)).toReceive();
            assertArrayEquals(Frames.concat(a, b, c), receive.bytes());
            assertNull(receive.text());
        }
    }

    static Stream<Arguments> interleavedControl() {
        return Stream.of(
                Arguments.of("5.6 ping between fragments", Frames.PING, 0),
                Arguments.of("5.7 ping between fragments, 1-byte chops", Frames.PING, 1),
                Arguments.of("5.8 pong between fragments", Frames.PONG, 0),
                Arguments.of("5.19 pings between many fragments", Frames.PING, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interleavedControl")
    void controlFramesMayComeBetweenFragments(String name, int controlOpcode, int chop) {
        byte[] wire = Frames.concat(
                Frames.client(Frames.TEXT, Frames.utf8("fragment1")),
                Frames.client(Frames.FIN | controlOpcode, Frames.utf8("control")),
                Frames.client(Frames.CONTINUATION, Frames.utf8("fragment2")),
                Frames.client(Frames.FIN | controlOpcode, Frames.utf8("control2")),
                Frames.client(Frames.FIN | Frames.CONTINUATION, Frames.utf8("fragment3")));
        try (EchoPeer peer = new EchoPeer()) {
            peer.feedChopped(wire, chop == 0 ? wire.length : chop);
            assertEquals(3, peer.events.size());
            assertEquals("fragment1fragment2fragment3",
                    assertInstanceOf(WebSocketEvent.TextMessage.class, peer.events.get(2)).text());
            byte[] expected = Frames.server(Frames.FIN | Frames.TEXT, Frames.utf8("fragment1fragment2fragment3"));
            if (controlOpcode == Frames.PING) {
                expected = Frames.concat(
                        Frames.server(Frames.FIN | Frames.PONG, Frames.utf8("control")),
                        Frames.server(Frames.FIN | Frames.PONG, Frames.utf8("control2")),
                        expected);
            }
            Expect.bytes(expected, peer.output());
        }
    }

    static Stream<Arguments> continuationErrors() {
        return Stream.of(
                Arguments.of("5.9 continuation with FIN and nothing to continue",
                        Frames.concat(Frames.client(Frames.FIN | Frames.CONTINUATION, Frames.utf8("non-continuation")),
                                Frames.text("Hello, world!"))),
                Arguments.of("5.10 continuation without FIN and nothing to continue",
                        Frames.client(Frames.CONTINUATION, Frames.utf8("non-continuation"))),
                Arguments.of("5.12 binary continuation without start",
                        Frames.client(Frames.FIN | Frames.CONTINUATION, new byte[] {1, 2})),
                Arguments.of("5.15 continuation after the final fragment",
                        Frames.concat(Frames.client(Frames.TEXT, Frames.utf8("fragment1")),
                                Frames.client(Frames.FIN | Frames.CONTINUATION, Frames.utf8("fragment2")),
                                Frames.client(Frames.CONTINUATION, Frames.utf8("fragment3")),
                                Frames.client(Frames.FIN | Frames.CONTINUATION, Frames.utf8("fragment4")))),
                Arguments.of("new text message inside a fragmented one",
                        Frames.concat(Frames.client(Frames.TEXT, Frames.utf8("a")), Frames.text("b"))),
                Arguments.of("new binary message inside a fragmented text",
                        Frames.concat(Frames.client(Frames.TEXT, Frames.utf8("a")), Frames.binary(new byte[1]))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("continuationErrors")
    void continuationRulesFailWithProtocolError(String name, byte[] wire) {
        for (int chop : new int[] {wire.length, 1}) {
            try (EchoPeer peer = new EchoPeer()) {
                peer.feedChopped(wire, chop);
                Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
            }
        }
    }

    @Test
    void continuationFailsOnItsHeaderBeforeThePayloadArrives() {
        byte[] frame = Frames.client(Frames.FIN | Frames.CONTINUATION, new byte[1000]);
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(java.util.Arrays.copyOf(frame, 8));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }

    @Test
    void emptyFragmentsMakeAnEmptyMessage() {
        // Autobahn 6.1.2 and 6.1.3: empty fragments, with or without empty payload between.
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(fragments(Frames.TEXT, List.of(new byte[0], new byte[0], new byte[0])));
            assertEquals("", ((WebSocketEvent.TextMessage) peer.events.get(0)).text());
            peer.feed(fragments(Frames.TEXT, List.of(new byte[0], Frames.utf8("middle"), new byte[0])));
            assertEquals("middle", ((WebSocketEvent.TextMessage) peer.events.get(1)).text());
            assertNull(peer.failure());
        }
    }
}
