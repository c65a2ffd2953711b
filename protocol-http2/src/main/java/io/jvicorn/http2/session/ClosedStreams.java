package io.jvicorn.http2.session;

/**
 * How the most recently closed streams ended, in a small ring, so that a frame arriving on one gets the answer RFC 9113
 * §5.1 gives for its case: ignored after this server reset it (the client may not have seen the reset yet), a stream
 * error or a connection error of type STREAM_CLOSED otherwise. Streams older than the ring are treated as never opened,
 * whose HEADERS are a PROTOCOL_ERROR: either way a connection error. Owned by the connection's thread.
 */
final class ClosedStreams {
    /** How a stream closed. */
    enum How {
        /** Not in the ring. */
        UNKNOWN,
        /** This server sent RST_STREAM. */
        RESET_SENT,
        /** The client sent RST_STREAM, or both sides ended it. */
        CLOSED
    }

    private static final int SIZE = 64;
    private final int[] ids = new int[SIZE];
    private final boolean[] resetSent = new boolean[SIZE];
    private int next;

    void record(int id, boolean byReset) {
        ids[next] = id;
        resetSent[next] = byReset;
        next = (next + 1) % SIZE;
    }

    How how(int id) {
        for (int k = 1; k <= SIZE; k++) { // newest first: a stream recorded twice answers with its last record
            int i = (next - k + SIZE) % SIZE;
            if (ids[i] == id && id != 0) {
                return resetSent[i] ? How.RESET_SENT : How.CLOSED;
            }
        }
        return How.UNKNOWN;
    }
}
