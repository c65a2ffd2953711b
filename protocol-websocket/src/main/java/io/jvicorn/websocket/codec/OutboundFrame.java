package io.jvicorn.websocket.codec;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * One encoded frame, held as a header and a payload so a large payload goes to the socket without being copied: write
 * {@link #header()} and {@link #payload()} with one gathering write, or {@link #copyTo} a small frame into an output
 * buffer.
 *
 * <p>The caller provides and may reuse it: each {@code encode...} call of {@link WebSocketSession} overwrites it. The
 * views it hands out share its storage, so finish writing them (or copy them) before reusing the object. The payload
 * array is the caller's own for uncompressed binary messages and pings/pongs; it is not copied.
 */
public final class OutboundFrame {

    private static final byte[] EMPTY = new byte[0];
    /** Frames shorter than this are copied whole by {@link #toBuffers()} (the copy costs less than a second iovec). */
    static final int COPY_LIMIT = 1024;

    private final byte[] header = new byte[FrameEncoder.LARGEST_HEADER];
    private int headerLength;
    private byte[] payload = EMPTY;
    private int payloadLength;

    /** Creates an empty frame holder. */
    public OutboundFrame() {
    }

    void set(boolean rsv1, int opcode, byte[] payloadBytes) {
        headerLength = FrameEncoder.writeHeader(header, true, rsv1, opcode, payloadBytes.length);
        payload = payloadBytes;
        payloadLength = payloadBytes.length;
    }

    /**
     * The header bytes.
     *
     * @return a view of this object's header, position 0
     */
    public ByteBuffer header() {
        return ByteBuffer.wrap(header, 0, headerLength);
    }

    /**
     * The payload bytes.
     *
     * @return a view of the payload array, position 0
     */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(payload, 0, payloadLength);
    }

    /**
     * The header length.
     *
     * @return 2, 4 or 10
     */
    public int headerLength() {
        return headerLength;
    }

    /**
     * The payload length.
     *
     * @return the number of payload bytes
     */
    public int payloadLength() {
        return payloadLength;
    }

    /**
     * The whole frame's length.
     *
     * @return header plus payload length
     */
    public int length() {
        return headerLength + payloadLength;
    }

    /**
     * Copies the whole frame into {@code dst}.
     *
     * @param dst a buffer with at least {@link #length()} bytes remaining
     * @throws BufferOverflowException if it has fewer
     */
    public void copyTo(ByteBuffer dst) {
        if (dst.remaining() < length()) {
            throw new BufferOverflowException();
        }
        dst.put(header, 0, headerLength);
        dst.put(payload, 0, payloadLength);
    }

    /**
     * The frame for one write: a small frame copied into one buffer, so it goes out as one plain write rather than a
     * gathering write of two; a frame of {@link #COPY_LIMIT} bytes or more as its header and a view of its payload,
     * which is not copied.
     *
     * @return new buffers, position 0, independent of this object's later encodings when the frame was copied
     */
    public ByteBuffer[] toBuffers() {
        if (length() < COPY_LIMIT) {
            return new ByteBuffer[] {ByteBuffer.wrap(toByteArray())};
        }
        return new ByteBuffer[] {header(), payload()};
    }

    /**
     * The whole frame in a new array.
     *
     * @return header followed by payload
     */
    public byte[] toByteArray() {
        byte[] frame = new byte[length()];
        System.arraycopy(header, 0, frame, 0, headerLength);
        System.arraycopy(payload, 0, frame, headerLength, payloadLength);
        return frame;
    }
}
