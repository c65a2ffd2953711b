package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.WebSocketSend;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Server frames: unmasked, shortest length form, payload not copied. */
class OutboundFrameTest {

    private final WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), null);
    private final OutboundFrame out = new OutboundFrame();

    @ParameterizedTest(name = "{0} bytes -> header {1}")
    @CsvSource({
            "0, 82 00",
            "1, 82 01",
            "125, 82 7d",
            "126, 82 7e 00 7e",
            "127, 82 7e 00 7f",
            "65535, 82 7e ff ff",
            "65536, 82 7f 00 00 00 00 00 01 00 00",
            "16777216, 82 7f 00 00 00 00 01 00 00 00"})
    void usesTheShortestLengthForm(int length, String header) {
        session.encodeBinary(new byte[length], out);
        byte[] expected = Frames.hex(header);
        assertEquals(expected.length, out.headerLength());
        assertArrayEquals(expected, Arrays.copyOf(out.toByteArray(), expected.length));
        assertEquals(length, out.payloadLength());
        assertEquals(expected.length + length, out.length());
    }

    @Test
    void binaryPayloadIsTheCallersArray() {
        byte[] payload = new byte[100_000];
        session.encodeBinary(payload, out);
        ByteBuffer view = out.payload();
        assertSame(payload, view.array());
        assertEquals(0, view.position());
        assertEquals(100_000, view.remaining());
    }

    @Test
    void encodesTextAndAsgiSend() {
        session.encodeText("Hello", out);
        Expect.bytes(Frames.hex("81 05 48 65 6c 6c 6f"), out.toByteArray());
        session.encodeSend(WebSocketSend.text("é"), out);
        Expect.bytes(Frames.hex("81 02 c3 a9"), out.toByteArray());
        session.encodeSend(WebSocketSend.bytes(new byte[] {1, 2}), out);
        Expect.bytes(Frames.hex("82 02 01 02"), out.toByteArray());
    }

    @Test
    void encodesControlFrames() {
        session.encodePing(new byte[0], out);
        Expect.bytes(Frames.hex("89 00"), out.toByteArray());
        session.encodePong(Frames.utf8("p"), out);
        Expect.bytes(Frames.hex("8a 01 70"), out.toByteArray());
        session.encodeClose(CloseStatus.EMPTY, out);
        Expect.bytes(Frames.hex("88 00"), out.toByteArray());
    }

    @Test
    void copiesIntoAnOutputBuffer() {
        session.encodeText("abc", out);
        ByteBuffer dst = ByteBuffer.allocate(10);
        dst.put((byte) 0x55);
        out.copyTo(dst);
        assertArrayEquals(Frames.hex("55 81 03 61 62 63"), Arrays.copyOf(dst.array(), dst.position()));
        assertThrows(BufferOverflowException.class, () -> out.copyTo(ByteBuffer.allocate(4)));
        assertEquals(4, ByteBuffer.allocate(4).remaining(), "nothing half-written");
    }

    @Test
    void aSmallFrameIsOneBufferForOneWrite() {
        session.encodeText("Hello", out);
        ByteBuffer[] buffers = out.toBuffers();
        assertEquals(1, buffers.length);
        Expect.bytes(Frames.hex("81 05 48 65 6c 6c 6f"), Arrays.copyOf(buffers[0].array(), buffers[0].remaining()));
        session.encodeText("later", out);
        assertArrayEquals(Frames.hex("81 05 48 65 6c 6c 6f"), Arrays.copyOf(buffers[0].array(), buffers[0].remaining()),
                "a copy: the next encoding does not change it");
    }

    @ParameterizedTest(name = "{0} payload bytes")
    @CsvSource({"1019, 1", "1020, 2", "100000, 2"}) // payloads of 126 bytes or more have a 4-byte header
    void aFrameOfTheCopyLimitOrMoreKeepsItsPayloadUncopied(int length, int expectedBuffers) {
        byte[] payload = new byte[length];
        session.encodeBinary(payload, out);
        ByteBuffer[] buffers = out.toBuffers();
        assertEquals(expectedBuffers, buffers.length);
        assertEquals(out.length(), Arrays.stream(buffers).mapToInt(ByteBuffer::remaining).sum());
        if (buffers.length == 2) {
            assertSame(payload, buffers[1].array());
        }
    }
}
