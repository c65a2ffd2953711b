package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** permessage-deflate on the wire: RFC 7692 §7.2.3 vectors and Autobahn sections 12 and 13 style round trips. */
class CompressionTest {

    private static final DeflateAgreement TAKEOVER = new DeflateAgreement(false, false, 0);
    private static final DeflateAgreement NO_TAKEOVER = new DeflateAgreement(true, true, 0);

    private final OutboundFrame out = new OutboundFrame();

    @Test
    void encodesHelloAsInRfc7692() {
        try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), TAKEOVER)) {
            assertTrue(session.isCompressing());
            session.encodeText("Hello", out);
            Expect.bytes(Frames.hex("c1 07 f2 48 cd c9 c9 07 00"), out.toByteArray());
        }
    }

    @Test
    void secondHelloReusesTheSlidingWindow() {
        // RFC 7692 §7.2.3.2: with context takeover the second "Hello" is a back-reference.
        try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), TAKEOVER)) {
            session.encodeText("Hello", out);
            session.encodeText("Hello", out);
            Expect.bytes(Frames.hex("c1 05 f2 00 11 00 00"), out.toByteArray());
        }
    }

    @Test
    void serverNoContextTakeoverCompressesEachMessageAlone() {
        try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), NO_TAKEOVER)) {
            for (int i = 0; i < 3; i++) {
                session.encodeText("Hello", out);
                Expect.bytes(Frames.hex("c1 07 f2 48 cd c9 c9 07 00"), out.toByteArray());
            }
        }
    }

    @Test
    void emptyMessageCompressesToOneZeroByte() {
        try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), TAKEOVER)) {
            Inflater client = new Inflater(true);
            for (int i = 0; i < 3; i++) {
                session.encodeBinary(new byte[0], out);
                Expect.bytes(Frames.hex("c2 01 00"), out.toByteArray());
                assertEquals(0, ClientDeflate.inflate(client, Frames.hex("00")).length);
            }
            session.encodeText("Hello", out);
            assertEquals("Hello", new String(ClientDeflate.inflate(client, ClientDeflate.singleFramePayload(
                    out.toByteArray())), java.nio.charset.StandardCharsets.UTF_8));
            client.end();
        }
    }

    @Test
    void controlFramesAreNeverCompressed() {
        try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), TAKEOVER)) {
            session.encodePong(Frames.utf8("Hello"), out);
            Expect.bytes(Frames.hex("8a 05 48 65 6c 6c 6f"), out.toByteArray());
            session.encodeClose(new CloseStatus(1000, ""), out);
            Expect.bytes(Frames.hex("88 02 03 e8"), out.toByteArray());
        }
    }

    static Stream<Arguments> rfcVectors() {
        return Stream.of(
                Arguments.of("7.2.3.1 one frame", Frames.client(0xC1, Frames.hex("f2 48 cd c9 c9 07 00"))),
                Arguments.of("7.2.3.1 two fragments", Frames.concat(
                        Frames.client(0x41, Frames.hex("f2 48 cd")),
                        Frames.client(0x80, Frames.hex("c9 c9 07 00")))),
                Arguments.of("7.2.3.3 stored block", Frames.client(0xC1,
                        Frames.hex("00 05 00 fa ff 48 65 6c 6c 6f 00"))),
                Arguments.of("7.2.3.4 block with BFINAL set", Frames.client(0xC1,
                        Frames.hex("f3 48 cd c9 c9 07 00 00"))),
                Arguments.of("7.2.3.5 two blocks", Frames.client(0xC1,
                        Frames.hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfcVectors")
    void decodesRfcVectors(String name, byte[] wire) {
        for (DeflateAgreement agreement : new DeflateAgreement[] {TAKEOVER, NO_TAKEOVER}) {
            for (int chop : new int[] {wire.length, 1}) {
                try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults(), agreement)) {
                    peer.feedChopped(Frames.concat(wire, wire), chop);
                    assertEquals(2, peer.events.size(), "events: " + peer.events);
                    assertEquals("Hello", ((WebSocketEvent.TextMessage) peer.events.get(0)).text());
                    assertEquals("Hello", ((WebSocketEvent.TextMessage) peer.events.get(1)).text());
                }
            }
        }
    }

    @Test
    void decodesBackReferenceIntoThePreviousMessage() {
        try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults(), TAKEOVER)) {
            peer.feed(Frames.concat(Frames.client(0xC1, Frames.hex("f2 48 cd c9 c9 07 00")),
                    Frames.client(0xC1, Frames.hex("f2 00 11 00 00"))));
            assertEquals("Hello", ((WebSocketEvent.TextMessage) peer.events.get(1)).text());
        }
    }

    @Test
    void compressedMessageSplitIntoFragmentsAtEveryOffset() {
        byte[] deflated = Frames.hex("f2 48 cd c9 c9 07 00");
        for (int split = 0; split <= deflated.length; split++) {
            try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults(), TAKEOVER)) {
                peer.feed(Frames.concat(Frames.client(0x41, Arrays.copyOf(deflated, split)),
                        Frames.client(0x80, Arrays.copyOfRange(deflated, split, deflated.length))));
                assertEquals("Hello", ((WebSocketEvent.TextMessage) peer.events.get(0)).text());
            }
        }
    }

    @Test
    void uncompressedMessagesStillWorkWhenDeflateIsAgreed() {
        try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults(), TAKEOVER)) {
            peer.feed(Frames.text("plain"));
            assertEquals("plain", ((WebSocketEvent.TextMessage) peer.events.get(0)).text());
        }
    }

    static Stream<Arguments> roundTrips() {
        return Stream.of(NO_TAKEOVER, TAKEOVER, new DeflateAgreement(false, true, 0),
                        new DeflateAgreement(true, false, 15), new DeflateAgreement(false, false, 9),
                        new DeflateAgreement(true, true, 8))
                .flatMap(agreement -> Stream.of(16, 1000, 64 * 1024, 256 * 1024)
                        .flatMap(size -> Stream.of(Arguments.of(agreement, size, true),
                                Arguments.of(agreement, size, false))));
    }

    @ParameterizedTest(name = "{0}, {1} bytes, text {2}")
    @MethodSource("roundTrips")
    void roundTripsMessagesBothWays(DeflateAgreement agreement, int size, boolean text) {
        // Autobahn 12.x/13.x: several messages, compressed by the client, echoed compressed by the server.
        Random random = new Random(size);
        Deflater clientDeflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        Inflater clientInflater = new Inflater(true);
        try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), agreement)) {
            for (int round = 0; round < 4; round++) {
                byte[] message = text ? Frames.utf8(jsonLike(random, size)) : randomBytes(random, size);
                byte[] compressed = ClientDeflate.compress(clientDeflater, message);
                if (agreement.clientNoContextTakeover()) {
                    clientDeflater.reset();
                }
                int opcode = text ? Frames.TEXT : Frames.BINARY;
                int cut = compressed.length / 3;
                byte[] wire = Frames.concat(
                        Frames.client(Frames.RSV1 | opcode, Arrays.copyOf(compressed, cut)),
                        Frames.client(Frames.FIN | Frames.PING, new byte[] {(byte) round}),
                        Frames.client(Frames.FIN | Frames.CONTINUATION, Arrays.copyOfRange(compressed, cut,
                                compressed.length)));
                ByteBuffer input = ByteBuffer.wrap(wire);
                WebSocketEvent ping = session.receive(input);
                assertEquals(WebSocketEvent.PingReceived.class, ping.getClass());
                WebSocketEvent received = session.receive(input);
                assertFalse(input.hasRemaining());
                byte[] payload = text ? Frames.utf8(((WebSocketEvent.TextMessage) received).text())
                        : ((WebSocketEvent.BinaryMessage) received).bytes();
                assertArrayEquals(message, payload);
                if (text) {
                    session.encodeText(((WebSocketEvent.TextMessage) received).text(), out);
                } else {
                    session.encodeBinary(payload, out);
                }
                assertEquals(opcode | 0xC0, out.toByteArray()[0] & 0xFF);
                byte[] echoed = ClientDeflate.inflate(clientInflater,
                        ClientDeflate.singleFramePayload(out.toByteArray()));
                assertArrayEquals(message, echoed);
                if (agreement.serverNoContextTakeover()) {
                    clientInflater.reset();
                }
            }
        } finally {
            clientDeflater.end();
            clientInflater.end();
        }
    }

    @ParameterizedTest(name = "server_max_window_bits={0}")
    @ValueSource(ints = {8, 9, 14})
    void aWindowBelow15IsKeptByCompressingWithoutBackReferences(int windowBits) {
        // Huffman-only coding spends at least one bit per byte; any back-reference would do far better on this text.
        byte[] message = Frames.repeat("All work and no play makes Jack a dull boy. ", 20_000);
        for (DeflateAgreement agreement : List.of(new DeflateAgreement(false, false, windowBits),
                new DeflateAgreement(false, false, 15))) {
            Inflater clientInflater = new Inflater(true);
            try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), agreement)) {
                for (int round = 0; round < 2; round++) {
                    session.encodeBinary(message, out);
                    byte[] payload = ClientDeflate.singleFramePayload(out.toByteArray());
                    assertArrayEquals(message, ClientDeflate.inflate(clientInflater, payload));
                    if (agreement.huffmanOnly()) {
                        assertTrue(payload.length >= message.length / 8, payload.length + " bytes: back-references");
                    } else {
                        assertTrue(payload.length < message.length / 16, payload.length + " bytes: no LZ77 at 15");
                    }
                }
            } finally {
                clientInflater.end();
            }
        }
    }

    private static String jsonLike(Random random, int size) {
        StringBuilder sb = new StringBuilder(size + 64);
        while (sb.length() < size) {
            sb.append("{\"id\":").append(random.nextInt(1000)).append(",\"name\":\"κόσμε-")
                    .append(random.nextInt(50)).append("\"},");
        }
        return sb.substring(0, size);
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest(name = "{0} buffers")
    @EnumSource(EchoPeer.Buffers.class)
    void compressedMessagesFedByteByByte(EchoPeer.Buffers kind) {
        Deflater deflater = new Deflater(9, true);
        byte[] message = Frames.repeat("All work and no play makes Jack a dull boy. ", 5000);
        byte[] wire = Frames.concat(Frames.client(0xC2, ClientDeflate.compress(deflater, message)),
                Frames.client(0xC2, ClientDeflate.compress(deflater, message)));
        deflater.end();
        try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults(), TAKEOVER).using(kind)) {
            peer.feedChopped(wire, 1);
            assertArrayEquals(message, ((WebSocketEvent.BinaryMessage) peer.events.get(0)).bytes());
            assertArrayEquals(message, ((WebSocketEvent.BinaryMessage) peer.events.get(1)).bytes());
        }
    }

    @Test
    void emptyCompressedFrameIsAnEmptyMessageAndKeepsTheContext() {
        try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults(), TAKEOVER)) {
            peer.feed(Frames.concat(Frames.client(0xC1, new byte[0]), Frames.client(0xC1, Frames.hex("00")),
                    Frames.client(0xC1, Frames.hex("f2 48 cd c9 c9 07 00")),
                    Frames.client(0xC1, new byte[0]),
                    Frames.client(0xC1, Frames.hex("f2 00 11 00 00"))));
            assertEquals(List.of("", "", "Hello", "", "Hello"), peer.events.stream()
                    .map(e -> ((WebSocketEvent.TextMessage) e).text()).toList());
        }
    }

    @Test
    void decompressionBombFailsWith1009() {
        Deflater deflater = new Deflater(9, true);
        byte[] zeros = new byte[10 << 20];
        byte[] compressed = ClientDeflate.compress(deflater, zeros);
        deflater.end();
        assertTrue(compressed.length < 20_000, "the bomb is small: " + compressed.length);
        try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults().withMaxMessageSize(1 << 20), TAKEOVER)) {
            peer.feed(Frames.client(0xC2, compressed));
            Expect.failed(peer, CloseStatus.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void inflatedSizeOfExactlyTheLimitIsAccepted() {
        Deflater deflater = new Deflater(6, true);
        byte[] compressed = ClientDeflate.compress(deflater, new byte[4096]);
        deflater.end();
        try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults().withMaxMessageSize(4096), TAKEOVER)) {
            peer.feed(Frames.client(0xC2, compressed));
            assertNull(peer.failure());
            assertEquals(4096, ((WebSocketEvent.BinaryMessage) peer.events.get(0)).bytes().length);
        }
        deflater = new Deflater(6, true);
        compressed = ClientDeflate.compress(deflater, new byte[4097]);
        deflater.end();
        try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults().withMaxMessageSize(4096), TAKEOVER)) {
            peer.feed(Frames.client(0xC2, compressed));
            Expect.failed(peer, CloseStatus.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void compressedFrameLargerThanTheLimitFailsOnItsHeader() {
        try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults().withMaxMessageSize(100), TAKEOVER)) {
            peer.feed(Arrays.copyOf(Frames.client(0xC2, new byte[101]), 8));
            Expect.failed(peer, CloseStatus.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void corruptCompressedDataFailsWith1002() {
        try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults(), TAKEOVER)) {
            peer.feed(Frames.client(0xC1, Frames.hex("ff ff ff ff")));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
            assertEquals("invalid compressed data", peer.failure().reason());
        }
    }

    @Test
    void invalidUtf8InsideCompressedTextFailsFast() {
        Deflater deflater = new Deflater(0, true); // stored blocks keep the bad byte early in the stream
        byte[] message = Frames.concat(Frames.utf8("valid start "), Frames.hex("ed a0 80"), new byte[4000]);
        byte[] compressed = ClientDeflate.compress(deflater, message);
        deflater.end();
        byte[] frame = Frames.client(0xC1, compressed);
        try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults(), TAKEOVER)) {
            peer.feed(Arrays.copyOf(frame, frame.length - 3000)); // the end of the frame never arrives
            Expect.failed(peer, CloseStatus.INVALID_PAYLOAD);
        }
    }

    @Test
    void truncatedUtf8AtTheEndOfACompressedTextFails() {
        Deflater deflater = new Deflater(6, true);
        byte[] compressed = ClientDeflate.compress(deflater, Frames.hex("61 e2 82"));
        deflater.end();
        try (EchoPeer peer = new EchoPeer(WebSocketConfig.defaults(), TAKEOVER)) {
            peer.feed(Frames.client(0xC1, compressed));
            Expect.failed(peer, CloseStatus.INVALID_PAYLOAD);
        }
    }

    @Test
    void rsv1WithoutAgreementFails() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.client(0xC1, Frames.hex("f2 48 cd c9 c9 07 00")));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }
}
