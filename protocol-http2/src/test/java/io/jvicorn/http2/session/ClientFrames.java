package io.jvicorn.http2.session;

import io.jvicorn.http2.frame.ConnectionPreface;
import io.jvicorn.http2.frame.ErrorCode;
import io.jvicorn.http2.frame.FrameEncoder;
import io.jvicorn.http2.hpack.HpackEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** What a client sends, encoded with the module's own {@link FrameEncoder} and {@link HpackEncoder}. */
final class ClientFrames {
    private final FrameEncoder frames = new FrameEncoder();
    private final HpackEncoder hpack = new HpackEncoder();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteBuffer scratch = ByteBuffer.allocate(256 * 1024);

    /** The bytes added since the last call. */
    byte[] take() {
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }

    ClientFrames preface() {
        out.writeBytes(ConnectionPreface.bytes());
        return settings();
    }

    /** SETTINGS with identifier, value pairs. */
    ClientFrames settings(long... pairs) {
        int[] ids = new int[pairs.length / 2];
        long[] values = new long[pairs.length / 2];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) pairs[2 * i];
            values[i] = pairs[2 * i + 1];
        }
        return write(b -> frames.settings(ids, values, b));
    }

    ClientFrames settingsAck() {
        return write(frames::settingsAck);
    }

    ClientFrames ping(long opaque) {
        return write(b -> frames.ping(false, opaque, b));
    }

    /** A request head: name, value pairs, pseudo-header fields included. */
    ClientFrames headers(int streamId, boolean endStream, String... fields) {
        return write(b -> frames.headers(streamId, block(fields), endStream, b));
    }

    /** GET / on {@code example.com}. */
    ClientFrames get(int streamId) {
        return headers(streamId, true, ":method", "GET", ":scheme", "https", ":path", "/", ":authority",
                "example.com");
    }

    /** A POST head without END_STREAM, and extra fields. */
    ClientFrames post(int streamId, String... extra) {
        String[] fields = new String[8 + extra.length];
        System.arraycopy(new String[] {":method", "POST", ":scheme", "https", ":path", "/up", ":authority",
            "example.com"}, 0, fields, 0, 8);
        System.arraycopy(extra, 0, fields, 8, extra.length);
        return headers(streamId, false, fields);
    }

    ByteBuffer block(String... fields) {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < fields.length; i += 2) {
            hpack.field(fields[i], fields[i + 1], false, block);
        }
        return block.flip();
    }

    ClientFrames data(int streamId, String text, boolean endStream) {
        ByteBuffer payload = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        return write(b -> frames.data(streamId, payload, endStream, b));
    }

    ClientFrames rst(int streamId, ErrorCode code) {
        return write(b -> frames.rstStream(streamId, code, b));
    }

    ClientFrames windowUpdate(int streamId, int increment) {
        return write(b -> frames.windowUpdate(streamId, increment, b));
    }

    ClientFrames priority(int streamId, int dependency) {
        return write(b -> frames.priority(streamId, dependency, false, 16, b));
    }

    ClientFrames goAway(int lastStreamId) {
        return write(b -> frames.goAway(lastStreamId, ErrorCode.NO_ERROR, new byte[0], b));
    }

    /** Raw bytes in hex (spaces ignored), for frames the encoder will not write. */
    ClientFrames raw(String hex) {
        out.writeBytes(HexFormat.of().parseHex(hex.replace(" ", "")));
        return this;
    }

    private interface Writer {
        void write(ByteBuffer b);
    }

    private ClientFrames write(Writer writer) {
        ByteBuffer b = scratch.clear();
        writer.write(b);
        b.flip();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        out.writeBytes(bytes);
        return this;
    }
}
