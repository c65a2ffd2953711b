package io.jvicorn.http2.session;

import io.jvicorn.asgi.Header;
import io.jvicorn.http2.frame.ErrorCode;
import io.jvicorn.http2.frame.FrameEncoder;
import io.jvicorn.http2.frame.FrameType;
import io.jvicorn.http2.hpack.HpackEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The frames a connection owes its client, written with {@link FrameEncoder} and {@link HpackEncoder} into one growing
 * buffer that the caller drains. Header blocks are encoded here, in the order their frames are written, since HPACK's
 * table is shared with the client's decoder. Owned by the connection's thread.
 */
final class SessionOutput {
    private final FrameEncoder frames = new FrameEncoder();
    private final HpackEncoder hpack = new HpackEncoder();
    private ByteBuffer out = ByteBuffer.allocate(16 * 1024);
    private ByteBuffer block = ByteBuffer.allocate(1024);

    FrameEncoder frames() {
        return frames;
    }

    HpackEncoder hpack() {
        return hpack;
    }

    /** Octets written and not yet drained. */
    int size() {
        return out.position();
    }

    /** The bytes written, as a view from 0 to their end; valid until the next write or {@link #clear}. */
    ByteBuffer view() {
        return out.duplicate().flip();
    }

    void clear() {
        out.clear();
    }

    private ByteBuffer room(int n) {
        if (out.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + n));
            out.flip();
            bigger.put(out);
            out = bigger;
        }
        return out;
    }

    void settings(int[] ids, long[] values) {
        frames.settings(ids, values, room(FrameType.HEADER_LENGTH + 6 * ids.length));
    }

    void settingsAck() {
        frames.settingsAck(room(FrameType.HEADER_LENGTH));
    }

    void pingAck(long opaque) {
        frames.ping(true, opaque, room(FrameType.HEADER_LENGTH + 8));
    }

    void windowUpdate(int streamId, int increment) {
        frames.windowUpdate(streamId, increment, room(FrameType.HEADER_LENGTH + 4));
    }

    void rstStream(int streamId, ErrorCode code) {
        frames.rstStream(streamId, code, room(FrameType.HEADER_LENGTH + 4));
    }

    void goAway(int lastStreamId, ErrorCode code, String reason) {
        byte[] debug = reason.getBytes(StandardCharsets.US_ASCII);
        frames.goAway(lastStreamId, code, debug, room(FrameType.HEADER_LENGTH + 8 + debug.length));
    }

    /**
     * A response head: {@code :status}, then the fields (lowercase names, no connection-specific ones: the caller has
     * checked), in HEADERS and CONTINUATION frames.
     */
    void headers(int streamId, int status, List<Header> fields, boolean endStream) {
        int bound = hpack.maxEncodedLength(":status", "000");
        for (Header h : fields) {
            bound += hpack.maxEncodedLength(h.name(), h.value());
        }
        if (block.capacity() < bound) {
            block = ByteBuffer.allocate(Math.max(bound, block.capacity() * 2));
        }
        block.clear();
        hpack.status(status, block);
        fields(fields);
        block.flip();
        frames.headers(streamId, block, endStream, room(frames.framedLength(block.remaining())));
    }

    /** Trailers: the fields alone, END_STREAM set. */
    void trailers(int streamId, List<Header> fields) {
        int bound = 0;
        for (Header h : fields) {
            bound += hpack.maxEncodedLength(h.name(), h.value());
        }
        if (block.capacity() < bound) {
            block = ByteBuffer.allocate(Math.max(bound, block.capacity() * 2));
        }
        block.clear();
        fields(fields);
        block.flip();
        frames.headers(streamId, block, true, room(frames.framedLength(block.remaining())));
    }

    private void fields(List<Header> fields) {
        for (Header h : fields) {
            String name = h.name();
            hpack.field(name, h.value(), name.equals("set-cookie") || name.equals("authorization"), block);
        }
    }

    /** DATA frames for {@code n} octets of {@code data} (advanced past them). */
    void data(int streamId, ByteBuffer data, int n, boolean endStream) {
        ByteBuffer part = data.slice(data.position(), n);
        frames.data(streamId, part, endStream, room(frames.framedLength(n)));
        data.position(data.position() + n);
    }
}
