package io.jvicorn.http2.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jvicorn.asgi.Header;
import io.jvicorn.http2.frame.ErrorCode;
import io.jvicorn.http2.frame.FrameDecoder;
import io.jvicorn.http2.frame.FrameEvent;
import io.jvicorn.http2.frame.FrameLimits;
import io.jvicorn.http2.hpack.HpackDecoder;
import io.jvicorn.http2.hpack.HpackException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A session under test with a client's view of it: bytes in from {@link ClientFrames}, the session's output decoded
 * back into frames (as text, one line per frame), and what it told its listener (as text too).
 */
final class SessionHarness implements SessionListener {
    final Http2Session session;
    final ClientFrames client = new ClientFrames();
    private final List<String> events = new ArrayList<>();
    private final FrameDecoder frames = new FrameDecoder(new FrameLimits(16_777_215, 1 << 24), false);
    private final HpackDecoder hpack = new HpackDecoder(4096, Long.MAX_VALUE);
    /** Whether streams are released as soon as the listener hears they ended (as a server whose app is done). */
    boolean releaseOnReset = true;
    /** The frames the session started with (its SETTINGS, and a WINDOW_UPDATE). */
    final List<String> serverPreface;

    SessionHarness() {
        this(SessionLimits.DEFAULTS);
    }

    SessionHarness(SessionLimits limits) {
        session = new Http2Session(limits, this, true);
        session.start();
        session.receive(ByteBuffer.wrap(client.preface().take()));
        List<String> start = output();
        assertEquals("SETTINGS", start.getFirst().split(" ")[0], "the server's preface: " + start);
        serverPreface = start;
        events.clear();
    }

    /** Feeds what {@link #client} wrote since the last call; returns the frames the session wrote in answer. */
    List<String> send() {
        session.receive(ByteBuffer.wrap(client.take()));
        return output();
    }

    /** The frames written since the last call, decoded. */
    List<String> output() {
        ByteBuffer out = session.output();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        session.outputWritten();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<String> lines = new ArrayList<>();
        FrameEvent e;
        while ((e = frames.next(in)) != null) {
            lines.add(text(e));
        }
        assertEquals(0, in.remaining(), "whole frames");
        return lines;
    }

    /** The raw output since the last call, in hex. */
    String outputHex() {
        ByteBuffer out = session.output();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        session.outputWritten();
        frames.next(ByteBuffer.wrap(bytes)); // keep the decoder in step (one frame in these tests)
        return HexFormat.of().formatHex(bytes);
    }

    /** The listener's events since the last call. */
    List<String> events() {
        List<String> copy = List.copyOf(events);
        events.clear();
        return copy;
    }

    private String text(FrameEvent e) {
        return switch (e) {
            case FrameEvent.Data d -> "DATA " + d.streamId() + (d.endStream() ? " end " : " ")
                    + StandardCharsets.ISO_8859_1.decode(d.data());
            case FrameEvent.Headers h -> {
                List<String> fields = new ArrayList<>();
                try {
                    hpack.decode(h.block(), (n, v) -> fields.add(n + "=" + v));
                } catch (HpackException x) {
                    throw new AssertionError(x);
                }
                yield "HEADERS " + h.streamId() + (h.endStream() ? " end " : " ") + String.join(" ", fields);
            }
            case FrameEvent.Settings s -> s.ack() ? "SETTINGS ack" : "SETTINGS " + s.settings().stream()
                    .map(x -> x.id() + "=" + x.value()).collect(Collectors.joining(" "));
            case FrameEvent.Ping p -> "PING" + (p.ack() ? " ack " : " ") + Long.toHexString(p.opaque());
            case FrameEvent.WindowUpdate w -> "WINDOW_UPDATE " + w.streamId() + " " + w.increment();
            case FrameEvent.RstStream r -> "RST_STREAM " + r.streamId() + " " + name(r.errorCode());
            case FrameEvent.GoAway g -> "GOAWAY " + g.lastStreamId() + " " + name(g.errorCode())
                    + (g.debugData().length == 0 ? "" : " " + new String(g.debugData(), StandardCharsets.US_ASCII));
            case FrameEvent.Priority p -> "PRIORITY " + p.streamId();
            case FrameEvent.Rejected r -> throw new AssertionError("server wrote a bad frame: " + r);
        };
    }

    private static String name(long code) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.code() == code) {
                return c.name();
            }
        }
        return Long.toString(code);
    }

    @Override
    public void request(int streamId, Http2Request r, boolean endStream) {
        assertNotNull(r.method());
        events.add("request " + streamId + " " + r.method() + " " + r.scheme() + " " + r.authority() + " " + r.path()
                + (r.protocol() == null ? "" : " :protocol=" + r.protocol())
                + r.headers().stream().map(h -> " " + h.name() + "=" + h.value()).collect(Collectors.joining())
                + (endStream ? " end" : ""));
    }

    @Override
    public void data(int streamId, ByteBuffer data) {
        events.add("data " + streamId + " " + StandardCharsets.ISO_8859_1.decode(data));
    }

    @Override
    public void end(int streamId) {
        events.add("end " + streamId);
    }

    @Override
    public void reset(int streamId, ErrorCode code) {
        events.add("reset " + streamId + " " + code);
        if (releaseOnReset) {
            session.release(streamId);
        }
    }

    @Override
    public void windowOpened(int streamId) {
        events.add("window " + streamId);
    }

    /** A 200 response with a body, ended. */
    void respond(int streamId, String body) {
        session.sendHeaders(streamId, 200, List.of(new Header("content-type", "text/plain")), body.isEmpty());
        if (!body.isEmpty()) {
            ByteBuffer b = ByteBuffer.wrap(body.getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(body.length(), session.sendData(streamId, b, true));
        }
        session.release(streamId);
    }
}
