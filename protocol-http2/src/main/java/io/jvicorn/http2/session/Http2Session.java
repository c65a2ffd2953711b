package io.jvicorn.http2.session;

import io.jvicorn.asgi.Header;
import io.jvicorn.http2.frame.ErrorCode;
import io.jvicorn.http2.frame.FrameDecoder;
import io.jvicorn.http2.frame.FrameEvent;
import io.jvicorn.http2.frame.FrameLimits;
import io.jvicorn.http2.frame.FrameViolation;
import io.jvicorn.http2.frame.SettingId;
import io.jvicorn.http2.hpack.HpackDecoder;
import io.jvicorn.http2.hpack.HpackEncoder;
import io.jvicorn.http2.hpack.HpackException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/2 connection, server side, sans-IO (RFC 9113): {@link #receive} takes the client's bytes, runs them through
 * {@link FrameDecoder} and HPACK, keeps SETTINGS, stream states and both directions of flow control, enforces each rule
 * as a named {@link SessionViolation} (or {@link FrameViolation}) at the scope the RFC gives it, tells the server what
 * to act on through its {@link SessionListener}, and writes the frames it owes (acknowledgements, window updates,
 * resets, GOAWAY) into an output buffer; the server's responses go out through {@link #sendHeaders}, {@link #sendData}
 * and {@link #sendTrailers}, which never send more than the client's windows allow. The caller drains
 * {@link #output()} after each call.
 *
 * <p>One instance per connection; every method runs on the connection's thread, which owns every field.
 */
public final class Http2Session {
    private final SessionLimits limits;
    private final SessionListener listener;
    private final FrameDecoder decoder;
    private final HpackDecoder hpack;
    private final RequestFields fields = new RequestFields();
    private final SessionOutput output = new SessionOutput();
    private final FloodGuard flood;
    private final ClosedStreams closed = new ClosedStreams();
    /** Streams opened and not yet both closed and released: what counts against MAX_CONCURRENT_STREAMS. */
    private final Map<Integer, Stream> streams = new HashMap<>();

    private SessionState state = SessionState.OPEN;
    private @Nullable String failure;
    /** The highest stream identifier the client has used. */
    private int highestStreamId;
    /** Whether the client has acknowledged our SETTINGS (until then it may use RFC 9113's initial values). */
    private boolean settingsAcknowledged;
    /** The client's SETTINGS_INITIAL_WINDOW_SIZE: new streams' send windows. */
    private long peerInitialWindow = SessionLimits.DEFAULT_WINDOW;
    /** What the server may still send on the connection. */
    private final FlowWindow connectionSend = new FlowWindow(SessionLimits.DEFAULT_WINDOW);
    /** What the client may still send on the connection. */
    private final InboundWindow connectionReceive;

    /**
     * A connection; call {@link #start()} before anything else.
     *
     * @param limits        the SETTINGS to send and the limits to enforce
     * @param listener      told of requests, bodies and resets
     * @param expectPreface whether the input starts with the client preface (false when the caller consumed it)
     */
    public Http2Session(SessionLimits limits, SessionListener listener, boolean expectPreface) {
        this.limits = limits;
        this.listener = listener;
        this.decoder = new FrameDecoder(new FrameLimits(limits.maxFrameSize(), limits.maxHeaderBlockSize()),
                expectPreface);
        this.hpack = new HpackDecoder(HpackEncoder.DEFAULT_TABLE_SIZE, limits.maxHeaderListSize());
        this.flood = new FloodGuard(limits);
        this.connectionReceive = new InboundWindow(limits.connectionWindowSize(), SessionLimits.DEFAULT_WINDOW);
    }

    /** Writes the server's connection preface: its SETTINGS, and a WINDOW_UPDATE raising the connection window. */
    public void start() {
        List<Integer> ids = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        ids.add(SettingId.MAX_CONCURRENT_STREAMS);
        values.add((long) limits.maxConcurrentStreams());
        if (limits.initialWindowSize() != SessionLimits.DEFAULT_WINDOW) {
            ids.add(SettingId.INITIAL_WINDOW_SIZE);
            values.add((long) limits.initialWindowSize());
        }
        if (limits.maxFrameSize() != SettingId.MIN_MAX_FRAME_SIZE) {
            ids.add(SettingId.MAX_FRAME_SIZE);
            values.add((long) limits.maxFrameSize());
        }
        ids.add(SettingId.MAX_HEADER_LIST_SIZE);
        values.add((long) limits.maxHeaderListSize());
        output.settings(ids.stream().mapToInt(Integer::intValue).toArray(),
                values.stream().mapToLong(Long::longValue).toArray());
        int raise = limits.connectionWindowSize() - SessionLimits.DEFAULT_WINDOW;
        if (raise > 0) {
            connectionReceive.adjust(raise);
            output.windowUpdate(0, raise);
        }
    }

    // ---------------------------------------------------------------------------------------------------- input

    /**
     * Handles the client's bytes: all of them, unless the connection fails (then {@link #state()} is CLOSED and the
     * output ends with GOAWAY).
     *
     * @param in the bytes, read from position to limit
     */
    public void receive(ByteBuffer in) {
        while (state != SessionState.CLOSED) {
            FrameEvent event = decoder.next(in);
            if (event == null) {
                return;
            }
            switch (event) {
                case FrameEvent.Data d -> onData(d);
                case FrameEvent.Headers h -> onHeaders(h);
                case FrameEvent.Priority p -> control();
                case FrameEvent.RstStream r -> onRstStream(r.streamId(), r.errorCode());
                case FrameEvent.Settings s -> onSettings(s);
                case FrameEvent.Ping p -> onPing(p);
                case FrameEvent.GoAway g -> onGoAway();
                case FrameEvent.WindowUpdate w -> onWindowUpdate(w.streamId(), w.increment());
                case FrameEvent.Rejected r -> onRejected(r.violation(), r.streamId());
            }
        }
    }

    private void onRejected(FrameViolation violation, int streamId) {
        if (violation.connectionError()) {
            fail(violation.errorCode(), violation.reason());
            return;
        }
        Stream s = streams.get(streamId);
        if (s != null && s.state != StreamState.CLOSED) {
            resetStream(s, violation.errorCode());
        } else {
            output.rstStream(streamId, violation.errorCode());
        }
    }

    private void onSettings(FrameEvent.Settings settings) {
        if (settings.ack()) {
            if (!settingsAcknowledged) {
                settingsAcknowledged = true;
                // Streams opened meanwhile were allowed the RFC's 65535; from now on ours holds.
                long shrink = limits.initialWindowSize() - SessionLimits.DEFAULT_WINDOW;
                if (shrink < 0) {
                    for (Stream s : streams.values()) {
                        s.receive.adjust(shrink);
                    }
                }
            }
            return;
        }
        if (control()) {
            return;
        }
        boolean grew = false;
        for (FrameEvent.Setting setting : settings.settings()) {
            long value = setting.value();
            switch (setting.id()) {
                case SettingId.HEADER_TABLE_SIZE -> output.hpack().peerMaxTableSize((int) Math.min(value,
                        Integer.MAX_VALUE));
                case SettingId.INITIAL_WINDOW_SIZE -> {
                    long delta = value - peerInitialWindow;
                    for (Stream s : streams.values()) {
                        if (!s.send.grow(delta)) {
                            fail(SessionViolation.INITIAL_WINDOW_OVERFLOW);
                            return;
                        }
                    }
                    peerInitialWindow = value;
                    grew |= delta > 0;
                }
                case SettingId.MAX_FRAME_SIZE -> output.frames().maxFrameSize((int) value);
                default -> {
                    // MAX_CONCURRENT_STREAMS limits pushes, which this server never makes; MAX_HEADER_LIST_SIZE is
                    // advisory; ENABLE_PUSH and ENABLE_CONNECT_PROTOCOL change nothing here.
                }
            }
        }
        if (queueControl()) {
            output.settingsAck();
        }
        if (grew) {
            listener.windowOpened(0);
        }
    }

    private void onPing(FrameEvent.Ping ping) {
        if (ping.ack() || control()) {
            return;
        }
        if (queueControl()) {
            output.pingAck(ping.opaque());
        }
    }

    private void onGoAway() {
        // The client opens no more streams; those it opened are answered (a server has no streams of its own for
        // the client's last-stream-id to cut off).
        if (state == SessionState.OPEN) {
            state = SessionState.GOING_AWAY;
        }
        closeIfDone();
    }

    private void onWindowUpdate(int streamId, int increment) {
        if (streamId == 0) {
            if (!connectionSend.grow(increment)) {
                fail(SessionViolation.CONNECTION_WINDOW_OVERFLOW);
                return;
            }
            listener.windowOpened(0);
            return;
        }
        Stream s = streams.get(streamId);
        if (s == null) {
            if (idle(streamId)) {
                fail(SessionViolation.WINDOW_UPDATE_ON_IDLE_STREAM);
            }
            return; // a closed stream: allowed for a while after it closed
        }
        if (s.state == StreamState.CLOSED) {
            return;
        }
        if (!s.send.grow(increment)) {
            streamError(s, SessionViolation.STREAM_WINDOW_OVERFLOW);
            return;
        }
        listener.windowOpened(streamId);
    }

    private void onRstStream(int streamId, long code) {
        Stream s = streams.get(streamId);
        if (s == null) {
            if (idle(streamId)) {
                fail(SessionViolation.RST_STREAM_ON_IDLE_STREAM);
            }
            return;
        }
        if (s.state == StreamState.CLOSED) {
            return;
        }
        boolean responding = s.state == StreamState.OPEN || s.state == StreamState.HALF_CLOSED_REMOTE;
        s.apply(StreamInput.RECV_RST_STREAM);
        if (s.announced) {
            listener.reset(streamId, errorCode(code));
        }
        closeStream(s);
        if (responding) {
            SessionViolation v = flood.reset();
            if (v != null) {
                fail(v);
            }
        }
    }

    private void onHeaders(FrameEvent.Headers h) {
        int id = h.streamId();
        Stream s = streams.get(id);
        boolean trailers = s != null;
        fields.reset(trailers);
        boolean tooLarge = false;
        try {
            hpack.decode(h.block(), fields);
        } catch (HpackException e) {
            if (!e.headerListTooLarge()) {
                fail(ErrorCode.COMPRESSION_ERROR, e.violation().reason());
                return;
            }
            tooLarge = true;
        }
        if ((id & 1) == 0) {
            fail(SessionViolation.EVEN_STREAM_ID);
            return;
        }
        if (s != null) {
            onTrailers(s, h, tooLarge);
            return;
        }
        if (id <= highestStreamId) {
            switch (closed.how(id)) {
                case RESET_SENT -> {
                    // The client sent it before it saw our reset.
                }
                case CLOSED -> fail(SessionViolation.HEADERS_ON_CLOSED_STREAM);
                case UNKNOWN -> fail(SessionViolation.STREAM_ID_NOT_INCREASING);
            }
            return;
        }
        highestStreamId = id;
        if (state != SessionState.OPEN) {
            return; // after GOAWAY: ignored (RFC 9113 §6.8); the block was decoded for HPACK's sake
        }
        flood.streamOpened();
        FrameViolation frameError = h.streamError();
        SessionViolation violation = fields.violation();
        if (frameError != null) {
            refuse(id, frameError.errorCode());
        } else if (tooLarge) {
            // RFC 9113 §10.5.1: a 431 response, and the rest of the request refused without error.
            output.headers(id, 431, List.of(new Header("content-length", "0")), true);
            if (!h.endStream()) {
                output.rstStream(id, ErrorCode.NO_ERROR);
            }
            closed.record(id, true);
        } else if (violation != null) {
            refuse(id, violation.errorCode());
        } else if (streams.size() >= limits.maxConcurrentStreams()) {
            refuse(id, SessionViolation.TOO_MANY_STREAMS.errorCode());
        } else {
            open(id, h.endStream());
        }
    }

    private void open(int id, boolean endStream) {
        long receiveWindow = settingsAcknowledged ? limits.initialWindowSize()
                : Math.max(limits.initialWindowSize(), SessionLimits.DEFAULT_WINDOW);
        Stream s = new Stream(id, peerInitialWindow, limits.initialWindowSize(), receiveWindow);
        s.apply(StreamInput.RECV_HEADERS);
        s.expectedLength = fields.contentLength();
        streams.put(id, s);
        if (endStream && s.expectedLength > 0) {
            streamError(s, SessionViolation.CONTENT_LENGTH_MISMATCH);
            return;
        }
        s.announced = true;
        listener.request(id, fields.request(), endStream);
        if (endStream && s.state == StreamState.OPEN) {
            s.apply(StreamInput.RECV_END_STREAM);
        }
    }

    /** A stream error on a stream that never opened: RST_STREAM, and its frames in flight are ignored. */
    private void refuse(int id, ErrorCode code) {
        output.rstStream(id, code);
        closed.record(id, true);
    }

    private void onTrailers(Stream s, FrameEvent.Headers h, boolean tooLarge) {
        if (s.state == StreamState.CLOSED && s.resetSent) {
            return;
        }
        StreamTransitions.Transition t = StreamTransitions.next(s.state, StreamInput.RECV_HEADERS);
        if (t.violation() != null) {
            violation(s, t.violation());
            return;
        }
        FrameViolation frameError = h.streamError();
        SessionViolation v = !h.endStream() ? SessionViolation.TRAILERS_WITHOUT_END_STREAM : fields.violation();
        if (frameError != null) {
            resetStream(s, frameError.errorCode());
        } else if (tooLarge) {
            resetStream(s, ErrorCode.ENHANCE_YOUR_CALM);
        } else if (v != null) {
            streamError(s, v);
        } else {
            endOfRequest(s);
        }
    }

    private void onData(FrameEvent.Data d) {
        int id = d.streamId();
        int charged = d.flowControlled();
        if (charged > 0 && !connectionReceive.charge(charged)) {
            fail(SessionViolation.CONNECTION_WINDOW_EXCEEDED);
            return;
        }
        // A frame is charged whole on its first piece; what is not delivered is given back piece by piece.
        int dropped = d.data().remaining() + d.padding();
        Stream s = streams.get(id);
        if (s == null || s.state == StreamState.CLOSED) {
            if (s == null && idle(id)) {
                fail(SessionViolation.DATA_ON_IDLE_STREAM);
                return;
            }
            releaseConnection(dropped);
            boolean resetSent = s != null ? s.resetSent : closed.how(id) == ClosedStreams.How.RESET_SENT;
            if (!resetSent) {
                if (s != null) {
                    s.resetSent = true;
                } else {
                    closed.record(id, true);
                }
                output.rstStream(id, SessionViolation.DATA_ON_CLOSED_STREAM.errorCode());
            }
            return;
        }
        StreamTransitions.Transition t = StreamTransitions.next(s.state, StreamInput.RECV_DATA);
        if (t.violation() != null) {
            releaseConnection(dropped);
            violation(s, t.violation());
            return;
        }
        if (charged > 0 && !s.receive.charge(charged)) {
            releaseConnection(dropped);
            streamError(s, SessionViolation.STREAM_WINDOW_EXCEEDED);
            return;
        }
        if (d.padding() > 0) {
            consumed(id, d.padding());
        }
        ByteBuffer data = d.data();
        if (charged == 0 && !data.hasRemaining() && !d.endStream()) {
            SessionViolation v = flood.emptyData();
            if (v != null) {
                fail(v);
                return;
            }
        }
        s.receivedLength += data.remaining();
        if (s.expectedLength >= 0 && s.receivedLength > s.expectedLength) {
            consumed(id, data.remaining());
            streamError(s, SessionViolation.CONTENT_LENGTH_MISMATCH);
            return;
        }
        if (data.hasRemaining()) {
            listener.data(id, data);
        }
        if (d.endStream() && s.state != StreamState.CLOSED) {
            endOfRequest(s);
        }
    }

    private void endOfRequest(Stream s) {
        if (s.expectedLength >= 0 && s.receivedLength != s.expectedLength) {
            streamError(s, SessionViolation.CONTENT_LENGTH_MISMATCH);
            return;
        }
        s.apply(StreamInput.RECV_END_STREAM);
        listener.end(s.id);
        if (s.state == StreamState.CLOSED) {
            closeStream(s);
        }
    }

    /** Whether a stream the client never opened: even (ours, and we open none), or above the highest it used. */
    private boolean idle(int streamId) {
        return (streamId & 1) == 0 || streamId > highestStreamId;
    }

    /** Counts a SETTINGS, PING or PRIORITY frame; true when that ended the connection. */
    private boolean control() {
        SessionViolation v = flood.controlFrame();
        if (v != null) {
            fail(v);
            return true;
        }
        return false;
    }

    /** Whether a control frame may be queued: false (and the connection failed) when the client reads nothing. */
    private boolean queueControl() {
        if (output.size() > limits.maxPendingOutput()) {
            fail(SessionViolation.OUTPUT_NOT_READ);
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------- errors

    private void violation(Stream s, SessionViolation v) {
        if (v.connectionError()) {
            fail(v);
        } else {
            streamError(s, v);
        }
    }

    private void streamError(Stream s, SessionViolation v) {
        resetStream(s, v.errorCode());
    }

    private void resetStream(Stream s, ErrorCode code) {
        output.rstStream(s.id, code);
        s.resetSent = true;
        s.apply(StreamInput.SEND_RST_STREAM);
        if (s.announced) {
            listener.reset(s.id, code);
        }
        closeStream(s);
    }

    private void fail(SessionViolation v) {
        fail(v.errorCode(), v.reason());
    }

    /** A connection error: GOAWAY, every announced stream reset, nothing more read. */
    private void fail(ErrorCode code, String reason) {
        if (state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSED;
        failure = reason;
        output.goAway(highestStreamId, code, reason);
        for (Stream s : List.copyOf(streams.values())) {
            if (s.state != StreamState.CLOSED) {
                s.apply(StreamInput.SEND_RST_STREAM); // nothing is sent: the GOAWAY says it
                if (s.announced) {
                    listener.reset(s.id, code);
                }
            }
        }
    }

    private static ErrorCode errorCode(long code) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.code() == code) {
                return c;
            }
        }
        return ErrorCode.INTERNAL_ERROR; // RFC 9113 §7: an unknown code may be treated as INTERNAL_ERROR
    }

    /** A stream reached CLOSED: forgotten once the server has released it too. */
    private void closeStream(Stream s) {
        if (s.released) {
            streams.remove(s.id);
            closed.record(s.id, s.resetSent);
            closeIfDone();
        }
    }

    private void closeIfDone() {
        if (state == SessionState.GOING_AWAY && streams.isEmpty()) {
            state = SessionState.CLOSED;
        }
    }

    // ---------------------------------------------------------------------------------------------------- output

    /**
     * The response head. Does nothing when the stream is gone (reset, or the connection failed).
     *
     * @param streamId  the stream
     * @param status    100 to 999
     * @param headers   the fields: lowercase names, none connection-specific (RFC 9113 §8.2.2; the caller checks)
     * @param endStream whether the response has no body
     * @return false when the stream is gone
     * @throws IllegalStateException when the stream's response has ended already
     */
    public boolean sendHeaders(int streamId, int status, List<Header> headers, boolean endStream) {
        Stream s = writable(streamId);
        if (s == null) {
            return false;
        }
        output.headers(streamId, status, headers, endStream);
        s.apply(StreamInput.SEND_HEADERS);
        if (endStream) {
            endResponse(s);
        }
        return true;
    }

    /**
     * As much of {@code data} as the client's windows take now, in DATA frames; END_STREAM with the last octet when
     * {@code endStream} and all of it fit (an empty {@code data} with {@code endStream} always fits).
     *
     * @param streamId  the stream
     * @param data      advanced past what was sent
     * @param endStream whether this ends the response
     * @return the octets sent (0 when a window is closed: wait for {@link SessionListener#windowOpened}), or -1 when the
     *         stream is gone
     */
    public int sendData(int streamId, ByteBuffer data, boolean endStream) {
        Stream s = writable(streamId);
        if (s == null) {
            return -1;
        }
        int n = Math.min(data.remaining(), Math.min(connectionSend.available(), s.send.available()));
        boolean end = endStream && n == data.remaining();
        if (n == 0 && !end) {
            return 0;
        }
        connectionSend.consume(n);
        s.send.consume(n);
        output.data(streamId, data, n, end);
        if (end) {
            endResponse(s);
        }
        return n;
    }

    /**
     * Trailers, which end the response.
     *
     * @param streamId the stream
     * @param trailers lowercase names, no pseudo-header or connection-specific fields
     * @return false when the stream is gone
     */
    public boolean sendTrailers(int streamId, List<Header> trailers) {
        Stream s = writable(streamId);
        if (s == null) {
            return false;
        }
        output.trailers(streamId, trailers);
        endResponse(s);
        return true;
    }

    /**
     * The octets {@link #sendData} would send now.
     *
     * @param streamId the stream
     * @return the smaller of the two windows, or -1 when the stream is gone
     */
    public int sendWindow(int streamId) {
        Stream s = writable(streamId);
        return s == null ? -1 : Math.min(connectionSend.available(), s.send.available());
    }

    private @Nullable Stream writable(int streamId) {
        Stream s = streams.get(streamId);
        if (s == null || s.state == StreamState.CLOSED || state == SessionState.CLOSED) {
            return null;
        }
        if (StreamTransitions.sendClosed(s.state)) {
            throw new IllegalStateException("stream " + streamId + " has ended its response");
        }
        return s;
    }

    private void endResponse(Stream s) {
        s.apply(StreamInput.SEND_END_STREAM);
        if (s.state == StreamState.CLOSED) {
            closeStream(s);
        }
    }

    /**
     * Ends a stream abnormally (the application failed after its response started): RST_STREAM.
     *
     * @param streamId the stream
     * @param code     why
     */
    public void reset(int streamId, ErrorCode code) {
        Stream s = streams.get(streamId);
        if (s != null && s.state != StreamState.CLOSED && state != SessionState.CLOSED) {
            s.announced = false; // the server knows
            resetStream(s, code);
        }
    }

    /**
     * The application consumed request body octets (or the server dropped them): the client may send as much again,
     * announced with WINDOW_UPDATE once enough has added up.
     *
     * @param streamId the stream (the connection's window re-opens even when the stream is gone)
     * @param n        octets
     */
    public void consumed(int streamId, int n) {
        if (n <= 0 || state == SessionState.CLOSED) {
            return;
        }
        releaseConnection(n);
        Stream s = streams.get(streamId);
        if (s != null && (s.state == StreamState.OPEN || s.state == StreamState.HALF_CLOSED_LOCAL)) {
            int increment = s.receive.release(n);
            if (increment > 0) {
                output.windowUpdate(streamId, increment);
            }
        }
    }

    private void releaseConnection(int n) {
        if (n > 0) {
            int increment = connectionReceive.release(n);
            if (increment > 0) {
                output.windowUpdate(0, increment);
            }
        }
    }

    /**
     * The server is done with a stream (its application finished). A stream whose response ended while the request
     * still arrives is reset with NO_ERROR (RFC 9113 §8.1: the client stops sending); one whose response never ended
     * with CANCEL.
     *
     * @param streamId the stream
     */
    public void release(int streamId) {
        Stream s = streams.get(streamId);
        if (s == null) {
            return;
        }
        s.released = true;
        if (s.state != StreamState.CLOSED && state != SessionState.CLOSED) {
            s.announced = false;
            resetStream(s, s.state == StreamState.HALF_CLOSED_LOCAL ? ErrorCode.NO_ERROR : ErrorCode.CANCEL);
        } else {
            closeStream(s);
        }
        if (state == SessionState.CLOSED) {
            streams.remove(streamId);
        }
    }

    /**
     * Graceful close (RFC 9113 §6.8): GOAWAY with the last stream opened; those streams finish, later ones are ignored,
     * and the connection is CLOSED once the last is released.
     */
    public void goAway() {
        if (state != SessionState.OPEN) {
            return;
        }
        state = SessionState.GOING_AWAY;
        output.goAway(highestStreamId, ErrorCode.NO_ERROR, "");
        closeIfDone();
    }

    /** A period of the flood counters ended (the server calls this once a second). */
    public void newPeriod() {
        flood.newPeriod();
    }

    // ---------------------------------------------------------------------------------------------------- state

    /**
     * The frames owed to the client, as a view from the first unwritten byte; valid until the next call on this session.
     * Call {@link #outputWritten()} once they are written.
     *
     * @return the bytes, possibly none
     */
    public ByteBuffer output() {
        return output.view();
    }

    /** The bytes {@link #output()} returned are written (or copied). */
    public void outputWritten() {
        output.clear();
    }

    /**
     * Octets of output not yet written.
     *
     * @return 0 when there is nothing to write
     */
    public int outputSize() {
        return output.size();
    }

    /**
     * Where the connection is.
     *
     * @return the state
     */
    public SessionState state() {
        return state;
    }

    /**
     * Why the connection failed.
     *
     * @return the violation's reason, or null when it did not (or has not)
     */
    public @Nullable String failure() {
        return failure;
    }

    /**
     * Streams held: open, or closed but not released.
     *
     * @return the count
     */
    public int streamCount() {
        return streams.size();
    }

    /**
     * A stream's state.
     *
     * @param streamId the stream
     * @return its state, or CLOSED when the session holds it no more (IDLE above the highest identifier used)
     */
    public StreamState streamState(int streamId) {
        Stream s = streams.get(streamId);
        if (s != null) {
            return s.state;
        }
        return idle(streamId) ? StreamState.IDLE : StreamState.CLOSED;
    }
}
