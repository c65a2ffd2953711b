package io.jvicorn.http2.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jvicorn.asgi.Header;
import io.jvicorn.fuzz.Splits;
import io.jvicorn.http2.frame.ConnectionPreface;
import io.jvicorn.http2.frame.ErrorCode;
import io.jvicorn.http2.frame.FrameDecoder;
import io.jvicorn.http2.frame.FrameEvent;
import io.jvicorn.http2.frame.FrameLimits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP/2 connection on arbitrary client bytes.
 *
 * <p>Input: a byte of options (bit 0: the preface and an empty SETTINGS are prepended, so the fuzzer works on frames;
 * bit 1: the server answers each request as soon as it ends and consumes bodies, otherwise it holds streams open and
 * reads nothing), then the bytes. Properties: nothing throws; the session's output is the same whatever the split and
 * decodes as well-formed frames (no rule of RFC 9113 broken, no stream the client did not open); what the server is
 * told is the same too (bodies joined per stream); it never holds more streams than it allows, never delivers more body
 * than its windows allow, and once CLOSED its output ends with GOAWAY.
 */
class Http2SessionFuzzTest {
    private static final SessionLimits LIMITS = new SessionLimits(4, 1000, 65_535, 16_384, 4096, 20, 5, 4, 8,
            64 * 1024, false);

    @FuzzTest
    void behavesTheSameWhateverTheSplit(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int options = data[0];
        byte[] body = Arrays.copyOfRange(data, 1, data.length);
        byte[] input = (options & 1) != 0 ? concat(ConnectionPreface.bytes(), HexFormat.of().parseHex(
                "000000040000000000"), body) : body;
        boolean answer = (options & 2) != 0;
        Run whole = run(input, Splits.whole(input.length), answer);
        for (int[] plan : Splits.plans(input)) {
            Run split = run(input, plan, answer);
            if (answer && !whole.failure.equals("null")) {
                // This server answers between reads, so whether a request ended before a connection error was answered
                // (and so is not reset by the error) depends on where the reads split; the error itself does not.
                assertEquals(whole.failure, split.failure, () -> "failure, pieces ending at " + Arrays.toString(plan));
                continue;
            }
            assertEquals(whole.events, split.events, () -> "events, pieces ending at " + Arrays.toString(plan));
            assertEquals(HexFormat.of().formatHex(whole.output), HexFormat.of().formatHex(split.output),
                    () -> "output, pieces ending at " + Arrays.toString(plan));
        }
        checkOutput(whole);
    }

    private record Run(List<String> events, byte[] output, SessionState state, String failure) {
    }

    private static Run run(byte[] input, int[] plan, boolean answer) {
        Server server = new Server(answer);
        server.session.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        drain(server.session, out);
        int from = 0;
        for (int to : plan) {
            server.session.receive(ByteBuffer.wrap(input, from, to - from));
            server.afterInput();
            assertTrue(server.session.streamCount() <= LIMITS.maxConcurrentStreams(), "streams held");
            drain(server.session, out);
            from = to;
        }
        List<String> events = new ArrayList<>(server.events);
        server.bodies.forEach((id, length) -> events.add("body " + id + " " + length));
        return new Run(events, out.toByteArray(), server.session.state(), String.valueOf(server.session.failure()));
    }

    private static void drain(Http2Session session, ByteArrayOutputStream out) {
        ByteBuffer b = session.output();
        out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        session.outputWritten();
    }

    /** Decodes the server's output as a client would: well-formed frames only, on streams the client opened. */
    private static void checkOutput(Run run) {
        FrameDecoder decoder = new FrameDecoder(new FrameLimits(16_777_215, 1 << 24), false);
        ByteBuffer in = ByteBuffer.wrap(run.output);
        FrameEvent event;
        FrameEvent last = null;
        while ((event = decoder.next(in)) != null) {
            FrameEvent e = event;
            assertTrue(!(e instanceof FrameEvent.Rejected), () -> "the server wrote a bad frame: " + e);
            last = event;
        }
        assertEquals(0, in.remaining(), "whole frames");
        if (!run.failure.equals("null")) {
            assertEquals(SessionState.CLOSED, run.state);
            assertTrue(last instanceof FrameEvent.GoAway, "a failed connection's output ends with GOAWAY: " + last);
        }
    }

    /** A server that answers (or holds) streams and records what it hears. */
    private static final class Server implements SessionListener {
        final Http2Session session = new Http2Session(LIMITS, this, true);
        final boolean answer;
        final List<String> events = new ArrayList<>();
        final Map<Integer, Long> bodies = new TreeMap<>();
        private final List<Integer> ended = new ArrayList<>();
        /** Body octets delivered and not consumed, per stream: bounded by the stream window. */
        private final Map<Integer, Long> unconsumed = new TreeMap<>();

        Server(boolean answer) {
            this.answer = answer;
        }

        @Override
        public void request(int streamId, Http2Request request, boolean endStream) {
            events.add("request " + streamId + " " + request.method() + " " + request.path() + " "
                    + request.headers().size() + (endStream ? " end" : ""));
            if (endStream) {
                ended.add(streamId);
            }
        }

        @Override
        public void data(int streamId, ByteBuffer data) {
            bodies.merge(streamId, (long) data.remaining(), Long::sum);
            long held = unconsumed.merge(streamId, (long) data.remaining(), Long::sum);
            assertTrue(held <= Math.max(LIMITS.initialWindowSize(), SessionLimits.DEFAULT_WINDOW),
                    "more body than the stream window: " + held);
            if (answer) {
                session.consumed(streamId, data.remaining());
                unconsumed.put(streamId, 0L);
            }
        }

        @Override
        public void end(int streamId) {
            events.add("end " + streamId);
            ended.add(streamId);
        }

        @Override
        public void reset(int streamId, ErrorCode code) {
            events.add("reset " + streamId + " " + code);
            long held = unconsumed.getOrDefault(streamId, 0L);
            session.consumed(streamId, (int) held);
            unconsumed.remove(streamId);
            ended.remove((Integer) streamId);
            session.release(streamId);
        }

        @Override
        public void windowOpened(int streamId) {
            // answers are sent whole or not at all in this test
        }

        void afterInput() {
            if (!answer) {
                return;
            }
            for (int id : List.copyOf(ended)) {
                if (session.sendHeaders(id, 200, List.of(new Header("content-type", "text/plain")), false)) {
                    session.sendData(id, ByteBuffer.wrap(new byte[] {'o', 'k'}), true);
                }
                session.release(id);
            }
            ended.clear();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
