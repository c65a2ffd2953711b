package io.jvicorn.http2.session;

import io.jvicorn.asgi.Header;
import io.jvicorn.http2.frame.ErrorCode;
import io.jvicorn.http2.frame.FrameDecoder;
import io.jvicorn.http2.frame.FrameViolation;
import io.jvicorn.http2.frame.SettingId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * <p>The code is layered in three files of one concern each: {@link SessionCore} (streams, connection windows, state,
 * how errors end a stream or the connection), {@link InboundFrames} (the input side) and this class (the server's
 * side: responses, releases, graceful close, the output).
 *
 * <p>One instance per connection; every method runs on the connection's thread, which owns every field.
 */
public final class Http2Session extends InboundFrames {

    /**
     * A connection; call {@link #start()} before anything else.
     *
     * @param limits        the SETTINGS to send and the limits to enforce
     * @param listener      told of requests, bodies and resets
     * @param expectPreface whether the input starts with the client preface (false when the caller consumed it)
     */
    public Http2Session(SessionLimits limits, SessionListener listener, boolean expectPreface) {
        super(limits, listener, expectPreface);
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
        if (limits.connectProtocol()) {
            ids.add(SettingId.ENABLE_CONNECT_PROTOCOL);
            values.add(1L);
        }
        output.settings(ids.stream().mapToInt(Integer::intValue).toArray(),
                values.stream().mapToLong(Long::longValue).toArray());
        int raise = limits.connectionWindowSize() - SessionLimits.DEFAULT_WINDOW;
        if (raise > 0) {
            connectionReceive.adjust(raise);
            output.windowUpdate(0, raise);
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
