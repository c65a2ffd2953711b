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
import java.util.List;

/**
 * The input side of an {@link Http2Session}: each frame event from {@link FrameDecoder} (and each header block through
 * HPACK and {@link RequestFields}) judged against the stream's state and the windows, answered at the RFC's scope, and
 * reported to the listener. Owned by the connection's thread.
 */
abstract class InboundFrames extends SessionCore {
    private final FrameDecoder decoder;
    private final HpackDecoder hpack;
    private final RequestFields fields;

    InboundFrames(SessionLimits limits, SessionListener listener, boolean expectPreface) {
        super(limits, listener);
        this.decoder = new FrameDecoder(new FrameLimits(limits.maxFrameSize(), limits.maxHeaderBlockSize()),
                expectPreface);
        this.fields = new RequestFields(limits.connectProtocol());
        this.hpack = new HpackDecoder(HpackEncoder.DEFAULT_TABLE_SIZE, limits.maxHeaderListSize());
    }

    /**
     * Handles the client's bytes: all of them, unless the connection fails (then {@link Http2Session#state()} is CLOSED and the
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
        if (endStream) {
            s.apply(StreamInput.RECV_END_STREAM); // before the listener, which may answer at once
        }
        s.announced = true;
        listener.request(id, fields.request(), endStream);
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
}
