package io.jvicorn.http2.frame;

import java.nio.ByteBuffer;

/**
 * Writes HTTP/2 frames (RFC 9113 §6) into a buffer, server side: DATA and header blocks split to the peer's
 * SETTINGS_MAX_FRAME_SIZE, and the connection's control frames. Nothing is padded. The caller sizes the buffer with the
 * {@code ...Length} methods.
 *
 * <p>One instance per connection, used by the thread that writes the connection's frames, which owns its one field.
 */
public final class FrameEncoder {
    /** The peer's SETTINGS_MAX_FRAME_SIZE: no frame payload written is longer. */
    private int maxFrameSize = SettingId.MIN_MAX_FRAME_SIZE;

    /**
     * The peer's SETTINGS_MAX_FRAME_SIZE changed.
     *
     * @param maxFrameSize 16384 to 16777215 (the decoder has checked it)
     */
    public void maxFrameSize(int maxFrameSize) {
        if (maxFrameSize < SettingId.MIN_MAX_FRAME_SIZE || maxFrameSize > SettingId.MAX_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("max frame size outside 16384..16777215: " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
    }

    /**
     * The peer's SETTINGS_MAX_FRAME_SIZE in force.
     *
     * @return 16384 until changed
     */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * The bytes {@link #data} or {@link #headers} write for a payload or block of this length.
     *
     * @param payloadLength the DATA payload or header block length
     * @return the length with a 9-octet header per frame
     */
    public int framedLength(int payloadLength) {
        int frames = Math.max(1, (payloadLength + maxFrameSize - 1) / maxFrameSize);
        return payloadLength + frames * FrameType.HEADER_LENGTH;
    }

    /**
     * DATA frames carrying the payload, END_STREAM on the last; an empty payload makes one empty frame.
     *
     * @param streamId  the stream, not 0
     * @param payload   read from its position to its limit
     * @param endStream whether this ends the stream
     * @param out       room for {@link #framedLength(int)} bytes
     */
    public void data(int streamId, ByteBuffer payload, boolean endStream, ByteBuffer out) {
        requireStream(streamId);
        do {
            int n = Math.min(payload.remaining(), maxFrameSize);
            boolean last = n == payload.remaining();
            header(n, FrameType.DATA, last && endStream ? FrameType.FLAG_END_STREAM : 0, streamId, out);
            out.put(out.position(), payload, payload.position(), n);
            out.position(out.position() + n);
            payload.position(payload.position() + n);
        } while (payload.hasRemaining());
    }

    /**
     * A HEADERS frame carrying the header block, followed by CONTINUATION frames when it is longer than a frame;
     * END_HEADERS on the last.
     *
     * @param streamId  the stream, not 0
     * @param block     the HPACK block, read from its position to its limit
     * @param endStream whether this ends the stream (trailers, or a response without a body)
     * @param out       room for {@link #framedLength(int)} bytes
     */
    public void headers(int streamId, ByteBuffer block, boolean endStream, ByteBuffer out) {
        requireStream(streamId);
        int type = FrameType.HEADERS;
        int flags = endStream ? FrameType.FLAG_END_STREAM : 0;
        do {
            int n = Math.min(block.remaining(), maxFrameSize);
            boolean last = n == block.remaining();
            header(n, type, flags | (last ? FrameType.FLAG_END_HEADERS : 0), streamId, out);
            out.put(out.position(), block, block.position(), n);
            out.position(out.position() + n);
            block.position(block.position() + n);
            type = FrameType.CONTINUATION;
            flags = 0;
        } while (block.hasRemaining());
    }

    /**
     * A SETTINGS frame.
     *
     * @param ids    the parameters' identifiers ({@link SettingId})
     * @param values their values, unsigned 32 bits
     * @param out    room for 9 + 6 per parameter
     */
    public void settings(int[] ids, long[] values, ByteBuffer out) {
        if (ids.length != values.length) {
            throw new IllegalArgumentException(ids.length + " identifiers for " + values.length + " values");
        }
        header(6 * ids.length, FrameType.SETTINGS, 0, 0, out);
        for (int i = 0; i < ids.length; i++) {
            out.putShort((short) ids[i]);
            out.putInt((int) values[i]);
        }
    }

    /**
     * A SETTINGS acknowledgement.
     *
     * @param out room for 9 bytes
     */
    public void settingsAck(ByteBuffer out) {
        header(0, FrameType.SETTINGS, FrameType.FLAG_ACK, 0, out);
    }

    /**
     * A PING, or its acknowledgement.
     *
     * @param ack    whether this answers a PING
     * @param opaque the 8 octets
     * @param out    room for 17 bytes
     */
    public void ping(boolean ack, long opaque, ByteBuffer out) {
        header(8, FrameType.PING, ack ? FrameType.FLAG_ACK : 0, 0, out);
        out.putLong(opaque);
    }

    /**
     * A GOAWAY.
     *
     * @param lastStreamId the last stream this endpoint processed or may process
     * @param errorCode    why
     * @param debugData    diagnostic octets (for example a violation's reason), possibly empty
     * @param out          room for 17 bytes plus the debug data
     */
    public void goAway(int lastStreamId, ErrorCode errorCode, byte[] debugData, ByteBuffer out) {
        if (lastStreamId < 0) {
            throw new IllegalArgumentException("negative stream id: " + lastStreamId);
        }
        header(8 + debugData.length, FrameType.GOAWAY, 0, 0, out);
        out.putInt(lastStreamId);
        out.putInt(errorCode.code());
        out.put(debugData);
    }

    /**
     * A RST_STREAM.
     *
     * @param streamId  the stream, not 0
     * @param errorCode why
     * @param out       room for 13 bytes
     */
    public void rstStream(int streamId, ErrorCode errorCode, ByteBuffer out) {
        requireStream(streamId);
        header(4, FrameType.RST_STREAM, 0, streamId, out);
        out.putInt(errorCode.code());
    }

    /**
     * A WINDOW_UPDATE.
     *
     * @param streamId  the stream, or 0 for the connection
     * @param increment 1 to 2^31-1
     * @param out       room for 13 bytes
     */
    public void windowUpdate(int streamId, int increment, ByteBuffer out) {
        if (streamId < 0 || increment <= 0) {
            throw new IllegalArgumentException("WINDOW_UPDATE of " + increment + " on stream " + streamId);
        }
        header(4, FrameType.WINDOW_UPDATE, 0, streamId, out);
        out.putInt(increment);
    }

    /**
     * A PRIORITY frame (a server has no reason to send one; here for tests and clients).
     *
     * @param streamId   the stream, not 0
     * @param dependency the stream it depends on
     * @param exclusive  the exclusive flag
     * @param weight     1 to 256
     * @param out        room for 14 bytes
     */
    public void priority(int streamId, int dependency, boolean exclusive, int weight, ByteBuffer out) {
        requireStream(streamId);
        if (dependency < 0 || weight < 1 || weight > 256) {
            throw new IllegalArgumentException("priority dependency " + dependency + " weight " + weight);
        }
        header(5, FrameType.PRIORITY, 0, streamId, out);
        out.putInt(dependency | (exclusive ? 0x8000_0000 : 0));
        out.put((byte) (weight - 1));
    }

    private static void header(int length, int type, int flags, int streamId, ByteBuffer out) {
        out.put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length);
        out.put((byte) type).put((byte) flags).putInt(streamId);
    }

    private static void requireStream(int streamId) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("stream id must be positive: " + streamId);
        }
    }
}
