package io.jvicorn.http2.session;

import io.jvicorn.http2.frame.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link Http2Session} knows of its connection, shared by its input side ({@link InboundFrames}) and its
 * output side ({@link Http2Session}'s methods): the streams, both directions' connection windows, the state, and how
 * errors end a stream or the connection (RFC 9113 §5.4). Owned by the connection's thread, like the session.
 */
abstract class SessionCore {
    final SessionLimits limits;
    final SessionListener listener;
    final SessionOutput output = new SessionOutput();
    final FloodGuard flood;
    final ClosedStreams closed = new ClosedStreams();
    /** Streams opened and not yet both closed and released: what counts against MAX_CONCURRENT_STREAMS. */
    final StreamMap<Stream> streams = new StreamMap<>();

    SessionState state = SessionState.OPEN;
    @Nullable String failure;
    /** The highest stream identifier the client has used. */
    int highestStreamId;
    /** Whether the client has acknowledged our SETTINGS (until then it may use RFC 9113's initial values). */
    boolean settingsAcknowledged;
    /** The client's SETTINGS_INITIAL_WINDOW_SIZE: new streams' send windows. */
    long peerInitialWindow = SessionLimits.DEFAULT_WINDOW;
    /** What the server may still send on the connection. */
    final FlowWindow connectionSend = new FlowWindow(SessionLimits.DEFAULT_WINDOW);
    /** What the client may still send on the connection. */
    final InboundWindow connectionReceive;

    SessionCore(SessionLimits limits, SessionListener listener) {
        this.limits = limits;
        this.listener = listener;
        this.flood = new FloodGuard(limits);
        this.connectionReceive = new InboundWindow(limits.connectionWindowSize(), SessionLimits.DEFAULT_WINDOW);
    }


    /** Whether a stream the client never opened: even (ours, and we open none), or above the highest it used. */
    boolean idle(int streamId) {
        return (streamId & 1) == 0 || streamId > highestStreamId;
    }

    /** Counts a SETTINGS, PING or PRIORITY frame; true when that ended the connection. */
    boolean control() {
        SessionViolation v = flood.controlFrame();
        if (v != null) {
            fail(v);
            return true;
        }
        return false;
    }

    /** Whether a control frame may be queued: false (and the connection failed) when the client reads nothing. */
    boolean queueControl() {
        if (output.size() > limits.maxPendingOutput()) {
            fail(SessionViolation.OUTPUT_NOT_READ);
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------- errors

    void violation(Stream s, SessionViolation v) {
        if (v.connectionError()) {
            fail(v);
        } else {
            streamError(s, v);
        }
    }

    void streamError(Stream s, SessionViolation v) {
        resetStream(s, v.errorCode());
    }

    void resetStream(Stream s, ErrorCode code) {
        output.rstStream(s.id, code);
        s.resetSent = true;
        s.apply(StreamInput.SEND_RST_STREAM);
        if (s.announced) {
            listener.reset(s.id, code);
        }
        closeStream(s);
    }

    void fail(SessionViolation v) {
        fail(v.errorCode(), v.reason());
    }

    /** A connection error: GOAWAY, every announced stream reset, nothing more read. */
    void fail(ErrorCode code, String reason) {
        if (state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSED;
        failure = reason;
        output.goAway(highestStreamId, code, reason);
        for (Stream s : streams.values()) {
            if (s.state != StreamState.CLOSED) {
                s.apply(StreamInput.SEND_RST_STREAM); // nothing is sent: the GOAWAY says it
                if (s.announced) {
                    listener.reset(s.id, code);
                }
            }
        }
    }

    static ErrorCode errorCode(long code) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.code() == code) {
                return c;
            }
        }
        return ErrorCode.INTERNAL_ERROR; // RFC 9113 §7: an unknown code may be treated as INTERNAL_ERROR
    }

    /** A stream reached CLOSED: forgotten once the server has released it too. */
    void closeStream(Stream s) {
        if (s.released) {
            streams.remove(s.id);
            closed.record(s.id, s.resetSent);
            closeIfDone();
        }
    }

    void closeIfDone() {
        if (state == SessionState.GOING_AWAY && streams.isEmpty()) {
            state = SessionState.CLOSED;
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

    void releaseConnection(int n) {
        if (n > 0) {
            int increment = connectionReceive.release(n);
            if (increment > 0) {
                output.windowUpdate(0, increment);
            }
        }
    }
}
