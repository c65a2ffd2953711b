package io.jvicorn.http2.session;

/**
 * A stream's state as a server sees it (RFC 9113 §5.1; a server that never pushes has no reserved states). Changed only
 * through {@link StreamTransitions}.
 */
public enum StreamState {
    /** Not opened yet. */
    IDLE,
    /** Both sides may send. */
    OPEN,
    /** The client has ended its side (END_STREAM received); the server still sends. */
    HALF_CLOSED_REMOTE,
    /** The server has ended its side; the client still sends its request. */
    HALF_CLOSED_LOCAL,
    /** Done: both ends sent END_STREAM, or either reset it. */
    CLOSED
}
