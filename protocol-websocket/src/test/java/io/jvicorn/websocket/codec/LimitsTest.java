package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Autobahn section 9 sizes, and the message size limit (1009) enforced before buffering. */
class LimitsTest {

    private static final WebSocketConfig SMALL = WebSocketConfig.defaults().withMaxMessageSize(1000);

    @Test
    void messageOfExactlyTheLimitIsAccepted() {
        try (EchoPeer peer = new EchoPeer(SMALL, null)) {
            peer.feed(Frames.binary(new byte[1000]));
            assertNull(peer.failure());
        }
    }

    @Test
    void singleFrameOverTheLimitFailsOnItsHeader() {
        byte[] frame = Frames.binary(new byte[1001]);
        try (EchoPeer peer = new EchoPeer(SMALL, null)) {
            peer.feed(Arrays.copyOf(frame, 8)); // header only: the payload was never buffered
            Expect.failed(peer, CloseStatus.MESSAGE_TOO_BIG);
            assertEquals("message too big", peer.failure().reason());
        }
    }

    @Test
    void fragmentsOverTheLimitFailOnTheFragmentThatCrossesIt() {
        try (EchoPeer peer = new EchoPeer(SMALL, null)) {
            peer.feed(Frames.concat(Frames.client(Frames.TEXT, new byte[600]),
                    Frames.client(Frames.CONTINUATION, new byte[400])));
            assertNull(peer.failure());
            peer.feed(Arrays.copyOf(Frames.client(Frames.FIN | Frames.CONTINUATION, new byte[1]), 6));
            Expect.failed(peer, CloseStatus.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void hugeAnnouncedLengthFailsWithoutAllocating() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.clientHeader64(Frames.FIN | Frames.BINARY, 1L << 40));
            Expect.failed(peer, CloseStatus.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void largestLegalLengthOnAContinuationCannotOverflowTheSizeCheck() {
        try (EchoPeer peer = new EchoPeer(SMALL, null)) {
            peer.feed(Frames.client(Frames.BINARY, new byte[10]));
            peer.feed(Frames.clientHeader64(Frames.FIN | Frames.CONTINUATION, Long.MAX_VALUE));
            Expect.failed(peer, CloseStatus.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void controlFramesDoNotCountTowardsTheMessage() {
        try (EchoPeer peer = new EchoPeer(SMALL, null)) {
            peer.feed(Frames.concat(Frames.client(Frames.BINARY, new byte[900]),
                    Frames.client(Frames.FIN | Frames.PING, new byte[125]),
                    Frames.client(Frames.FIN | Frames.CONTINUATION, new byte[100])));
            assertNull(peer.failure());
            assertEquals(1000, ((WebSocketEvent.BinaryMessage) peer.events.get(1)).bytes().length);
        }
    }

    @ParameterizedTest(name = "{0} bytes in 64-byte fragments")
    @ValueSource(ints = {65536, 1 << 20})
    void largeMessageInSmallFragments(int size) {
        // Autobahn 9.4.x: a 4 MiB message in 64-byte frames (smaller here to stay fast).
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        byte[][] frames = new byte[size / 64][];
        for (int i = 0; i < frames.length; i++) {
            int first = (i == 0 ? Frames.BINARY : Frames.CONTINUATION) | (i == frames.length - 1 ? Frames.FIN : 0);
            frames[i] = Frames.client(first, Arrays.copyOfRange(payload, i * 64, i * 64 + 64));
        }
        try (EchoPeer peer = new EchoPeer()) {
            peer.feedChopped(Frames.concat(frames), 65536);
            assertArrayEquals(payload, ((WebSocketEvent.BinaryMessage) peer.events.get(0)).bytes());
        }
    }

    @Test
    void sixteenMebibyteTextAtTheDefaultLimit() {
        // Autobahn 9.1.6: 16 MiB of text, chopped like socket reads.
        byte[] payload = Frames.repeat("BAsd7&jh23", WebSocketConfig.DEFAULT_MAX_MESSAGE_SIZE);
        try (EchoPeer peer = new EchoPeer()) {
            peer.feedChopped(Frames.client(Frames.FIN | Frames.TEXT, payload), 1 << 16);
            assertEquals(payload.length, ((WebSocketEvent.TextMessage) peer.events.get(0)).text().length());
            peer.feed(Frames.client(Frames.FIN | Frames.BINARY, new byte[WebSocketConfig.DEFAULT_MAX_MESSAGE_SIZE + 1]));
            Expect.failed(peer, CloseStatus.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void bufferGrowsWithArrivingBytesNotWithTheAnnouncedLength() {
        MessageBuffer buffer = new MessageBuffer();
        buffer.reserve(10, 16L << 20);
        assertTrue(buffer.array().length < 4096, "capacity " + buffer.array().length);
        buffer.advance(10);
        buffer.reserve(100, 110);
        buffer.advance(100);
        assertEquals(1024, buffer.array().length);
        MessageBuffer exact = new MessageBuffer();
        exact.reserve(5000, 5000);
        exact.advance(5000);
        byte[] array = exact.array();
        assertSame(array, exact.takeBytes(), "an exactly sized message is handed over without a copy");
    }

    @Test
    void configRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> WebSocketConfig.defaults().withMaxMessageSize(0));
        assertThrows(IllegalArgumentException.class, () -> WebSocketConfig.defaults().withCompressionLevel(10));
        assertThrows(IllegalArgumentException.class, () -> WebSocketConfig.defaults().withCompressionLevel(-1));
        assertEquals(new WebSocketConfig(16 << 20, true, 6), WebSocketConfig.defaults());
    }
}
