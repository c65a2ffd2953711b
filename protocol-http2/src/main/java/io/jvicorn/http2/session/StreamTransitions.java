package io.jvicorn.http2.session;

import static io.jvicorn.http2.session.StreamState.CLOSED;
import static io.jvicorn.http2.session.StreamState.HALF_CLOSED_LOCAL;
import static io.jvicorn.http2.session.StreamState.HALF_CLOSED_REMOTE;
import static io.jvicorn.http2.session.StreamState.IDLE;
import static io.jvicorn.http2.session.StreamState.OPEN;

import org.jspecify.annotations.Nullable;

/**
 * RFC 9113 §5.1's stream state diagram as a table, server side: for each state and input, the next state, or the rule
 * the input breaks. A receive the diagram forbids is a {@link SessionViolation} (connection or stream error, as the RFC
 * says for that state); a send it forbids is a bug in the caller and throws. Frames that change no state (PRIORITY,
 * WINDOW_UPDATE) are judged by the connection from the stream's identifier and state alone.
 */
public final class StreamTransitions {
    /**
     * One cell: the next state, or the rule broken.
     *
     * @param next      the state after the input (for a stream error, {@link StreamState#CLOSED}: the stream is reset)
     * @param violation the rule broken, or null
     */
    public record Transition(StreamState next, @Nullable SessionViolation violation) {
    }

    private static final Transition[][] TABLE = new Transition[StreamState.values().length][StreamInput.values().length];

    static {
        // Receiving.
        receive(IDLE, StreamInput.RECV_HEADERS, OPEN);
        fail(IDLE, StreamInput.RECV_DATA, SessionViolation.DATA_ON_IDLE_STREAM);
        fail(IDLE, StreamInput.RECV_RST_STREAM, SessionViolation.RST_STREAM_ON_IDLE_STREAM);

        receive(OPEN, StreamInput.RECV_HEADERS, OPEN); // trailers; END_STREAM follows as its own input
        receive(OPEN, StreamInput.RECV_DATA, OPEN);
        receive(OPEN, StreamInput.RECV_END_STREAM, HALF_CLOSED_REMOTE);
        receive(OPEN, StreamInput.RECV_RST_STREAM, CLOSED);

        fail(HALF_CLOSED_REMOTE, StreamInput.RECV_HEADERS, SessionViolation.FRAME_AFTER_END_STREAM);
        fail(HALF_CLOSED_REMOTE, StreamInput.RECV_DATA, SessionViolation.FRAME_AFTER_END_STREAM);
        receive(HALF_CLOSED_REMOTE, StreamInput.RECV_RST_STREAM, CLOSED);

        receive(HALF_CLOSED_LOCAL, StreamInput.RECV_HEADERS, HALF_CLOSED_LOCAL);
        receive(HALF_CLOSED_LOCAL, StreamInput.RECV_DATA, HALF_CLOSED_LOCAL);
        receive(HALF_CLOSED_LOCAL, StreamInput.RECV_END_STREAM, CLOSED);
        receive(HALF_CLOSED_LOCAL, StreamInput.RECV_RST_STREAM, CLOSED);

        fail(CLOSED, StreamInput.RECV_HEADERS, SessionViolation.HEADERS_ON_CLOSED_STREAM);
        fail(CLOSED, StreamInput.RECV_DATA, SessionViolation.DATA_ON_CLOSED_STREAM);
        receive(CLOSED, StreamInput.RECV_RST_STREAM, CLOSED); // crossed resets: nothing to do

        // Sending.
        receive(OPEN, StreamInput.SEND_HEADERS, OPEN);
        receive(OPEN, StreamInput.SEND_END_STREAM, HALF_CLOSED_LOCAL);
        receive(OPEN, StreamInput.SEND_RST_STREAM, CLOSED);
        receive(HALF_CLOSED_REMOTE, StreamInput.SEND_HEADERS, HALF_CLOSED_REMOTE);
        receive(HALF_CLOSED_REMOTE, StreamInput.SEND_END_STREAM, CLOSED);
        receive(HALF_CLOSED_REMOTE, StreamInput.SEND_RST_STREAM, CLOSED);
        receive(HALF_CLOSED_LOCAL, StreamInput.SEND_RST_STREAM, CLOSED);
        receive(IDLE, StreamInput.SEND_RST_STREAM, CLOSED); // refusing a stream before it opened
    }

    private StreamTransitions() {
    }

    private static void receive(StreamState from, StreamInput input, StreamState to) {
        TABLE[from.ordinal()][input.ordinal()] = new Transition(to, null);
    }

    private static void fail(StreamState from, StreamInput input, SessionViolation violation) {
        TABLE[from.ordinal()][input.ordinal()] = new Transition(CLOSED, violation);
    }

    /**
     * Looks the input up.
     *
     * @param from  the current state
     * @param input what happened
     * @return the transition
     * @throws IllegalStateException for a send the state forbids, or a receive the diagram does not define (END_STREAM
     *                               on a stream whose DATA or HEADERS was refused already)
     */
    public static Transition next(StreamState from, StreamInput input) {
        Transition t = TABLE[from.ordinal()][input.ordinal()];
        if (t == null) {
            throw new IllegalStateException(input + " in state " + from);
        }
        return t;
    }

    /**
     * Whether a state forbids the server from sending more on the stream (no HEADERS, DATA or END_STREAM).
     *
     * @param state the state
     * @return true when half-closed (local) or closed (or idle)
     */
    public static boolean sendClosed(StreamState state) {
        return TABLE[state.ordinal()][StreamInput.SEND_END_STREAM.ordinal()] == null;
    }
}
