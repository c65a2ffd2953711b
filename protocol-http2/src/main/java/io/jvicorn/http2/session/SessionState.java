package io.jvicorn.http2.session;

/**
 * A connection's life, as data. Changed on the connection's thread only:
 *
 * <pre>
 * OPEN ──goAway() / client GOAWAY──► GOING_AWAY ──last stream released──► CLOSED
 *   └──────────── connection error (GOAWAY with its code) ─────────────────► CLOSED
 * </pre>
 *
 * In GOING_AWAY streams opened before the GOAWAY run to their end and new ones are ignored (RFC 9113 §6.8); in CLOSED
 * nothing more is read, and the server writes what the output holds and closes.
 */
public enum SessionState {
    /** Streams may open. */
    OPEN,
    /** No new streams; those already open finish. */
    GOING_AWAY,
    /** Done: after the last stream of a graceful close, or a connection error. */
    CLOSED
}
