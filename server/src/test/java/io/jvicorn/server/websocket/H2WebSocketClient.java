package io.jvicorn.server.websocket;

import io.jvicorn.http2.frame.ConnectionPreface;
import io.jvicorn.http2.frame.ErrorCode;
import io.jvicorn.http2.frame.FrameDecoder;
import io.jvicorn.http2.frame.FrameEncoder;
import io.jvicorn.http2.frame.FrameEvent;
import io.jvicorn.http2.frame.FrameLimits;
import io.jvicorn.http2.hpack.HpackDecoder;
import io.jvicorn.http2.hpack.HpackEncoder;
import io.jvicorn.http2.hpack.HpackException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An RFC 8441 client on a plain socket with HTTP/2 prior knowledge, built from the HTTP/2 module's own frame and HPACK
 * codecs (no public client does WebSockets over cleartext h2): extended CONNECT requests, WebSocket frames in DATA, and
 * WINDOW_UPDATEs for all it receives. One thread; every read waits at most 10 s.
 */
final class H2WebSocketClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameEncoder frames = new FrameEncoder();
    private final HpackEncoder hpack = new HpackEncoder();
    private final FrameDecoder decoder = new FrameDecoder(new FrameLimits(16_777_215, 1 << 24), false);
    private final HpackDecoder headers = new HpackDecoder(4096, Long.MAX_VALUE);
    private ByteBuffer input = ByteBuffer.allocate(1 << 20).flip();
    /** The server's SETTINGS, identifier to value. */
    final Map<Integer, Long> serverSettings = new HashMap<>();
    private final Map<Integer, StreamView> streams = new HashMap<>();
    /** A GOAWAY with an error: the connection failed. */
    private boolean failed;

    /** What the client has seen of one stream. */
    static final class StreamView {
        final Map<String, String> response = new LinkedHashMap<>();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        int read;
        boolean ended;
        long resetCode = -1;

        int status() {
            return Integer.parseInt(response.getOrDefault(":status", "0"));
        }
    }

    H2WebSocketClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        out.write(ConnectionPreface.bytes());
        write(b -> frames.settings(new int[0], new long[0], b));
        until(c -> !c.serverSettings.isEmpty());
    }

    /** Opens a stream with an extended CONNECT for {@code path}, with extra name, value pairs. */
    int connect(int streamId, String path, String... fields) throws IOException {
        return connect(streamId, false, path, fields);
    }

    /** The same, with END_STREAM on the HEADERS when {@code endStream}. */
    int connect(int streamId, boolean endStream, String path, String... fields) throws IOException {
        List<String> all = new ArrayList<>(List.of(":method", "CONNECT", ":protocol", "websocket", ":scheme", "http",
                ":path", path, ":authority", "127.0.0.1"));
        all.addAll(List.of(fields));
        ByteBuffer block = ByteBuffer.allocate(16 * 1024);
        for (int i = 0; i < all.size(); i += 2) {
            hpack.field(all.get(i), all.get(i + 1), false, block);
        }
        block.flip();
        streams.put(streamId, new StreamView());
        write(b -> frames.headers(streamId, block, endStream, b));
        return streamId;
    }

    /** Waits for the response head. */
    StreamView response(int streamId) throws IOException {
        until(c -> c.stream(streamId).status() != 0 || c.stream(streamId).resetCode >= 0);
        return stream(streamId);
    }

    /** Sends bytes (WebSocket frames) as DATA. */
    void send(int streamId, byte[] bytes, boolean endStream) throws IOException {
        int max = frames.maxFrameSize();
        int at = 0;
        do {
            int n = Math.min(max, bytes.length - at);
            ByteBuffer part = ByteBuffer.wrap(bytes, at, n);
            at += n;
            boolean end = endStream && at == bytes.length;
            write(b -> frames.data(streamId, part, end, b));
        } while (at < bytes.length);
    }

    void reset(int streamId) throws IOException {
        write(b -> frames.rstStream(streamId, ErrorCode.CANCEL, b));
    }

    /** Waits for the next whole WebSocket frame the server sent on the stream (unmasked). */
    RawWebSocket.Frame frame(int streamId) throws IOException {
        RawWebSocket.Frame[] found = new RawWebSocket.Frame[1];
        until(c -> (found[0] = c.parse(c.stream(streamId))) != null);
        return found[0];
    }

    /** Waits until the server ended the stream (END_STREAM or RST_STREAM). */
    StreamView ended(int streamId) throws IOException {
        until(c -> c.stream(streamId).ended || c.stream(streamId).resetCode >= 0);
        return stream(streamId);
    }

    StreamView stream(int streamId) {
        return streams.computeIfAbsent(streamId, id -> new StreamView());
    }

    private RawWebSocket.Frame parse(StreamView s) {
        byte[] b = s.data.toByteArray();
        int at = s.read;
        if (b.length - at < 2) {
            return null;
        }
        int b0 = b[at] & 0xFF;
        long len = b[at + 1] & 0x7F;
        int header = 2;
        if (len == 126) {
            if (b.length - at < 4) {
                return null;
            }
            len = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            header = 4;
        } else if (len == 127) {
            if (b.length - at < 10) {
                return null;
            }
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | (b[at + 2 + i] & 0xFF);
            }
            header = 10;
        }
        if (b.length - at - header < len) {
            return null;
        }
        byte[] payload = java.util.Arrays.copyOfRange(b, at + header, at + header + (int) len);
        s.read = at + header + (int) len;
        return new RawWebSocket.Frame((b0 & 0x80) != 0, (b0 & 0x40) != 0, b0 & 0x0F, payload);
    }

    private void until(Predicate<H2WebSocketClient> done) throws IOException {
        while (!done.test(this)) {
            FrameEvent e = decoder.next(input);
            if (e == null) {
                if (failed) {
                    throw new IOException("the server ended the connection with an error");
                }
                fill();
                continue;
            }
            handle(e);
        }
    }

    private void handle(FrameEvent e) throws IOException {
        switch (e) {
            case FrameEvent.Settings s -> {
                if (!s.ack()) {
                    for (FrameEvent.Setting setting : s.settings()) {
                        serverSettings.put(setting.id(), setting.value());
                    }
                    write(frames::settingsAck);
                }
            }
            case FrameEvent.Headers h -> {
                StreamView s = stream(h.streamId());
                try {
                    headers.decode(h.block(), s.response::put);
                } catch (HpackException x) {
                    throw new IOException(x);
                }
                s.ended |= h.endStream();
            }
            case FrameEvent.Data d -> {
                StreamView s = stream(d.streamId());
                byte[] bytes = new byte[d.data().remaining()];
                d.data().get(bytes);
                s.data.writeBytes(bytes);
                s.ended |= d.endStream();
                int n = d.flowControlled();
                if (n > 0) {
                    write(b -> frames.windowUpdate(0, n, b));
                    if (!s.ended) {
                        write(b -> frames.windowUpdate(d.streamId(), n, b));
                    }
                }
            }
            case FrameEvent.RstStream r -> stream(r.streamId()).resetCode = r.errorCode();
            case FrameEvent.GoAway g -> failed |= g.errorCode() != ErrorCode.NO_ERROR.code();
            case FrameEvent.Ping p -> {
                if (!p.ack()) {
                    write(b -> frames.ping(true, p.opaque(), b));
                }
            }
            case FrameEvent.Rejected r -> throw new IOException("the server sent a bad frame: " + r);
            default -> {
            }
        }
    }

    private void fill() throws IOException {
        input.compact();
        if (!input.hasRemaining()) {
            input = ByteBuffer.allocate(input.capacity() * 2).put(input.flip());
        }
        int n = in.read(input.array(), input.position(), input.remaining());
        if (n < 0) {
            throw new IOException("the server closed the connection");
        }
        input.position(input.position() + n).flip();
    }

    private interface FrameWriting {
        void write(ByteBuffer b);
    }

    private void write(FrameWriting writing) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(frames.framedLength(64 * 1024) + 64);
        writing.write(b);
        out.write(b.array(), 0, b.position());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
