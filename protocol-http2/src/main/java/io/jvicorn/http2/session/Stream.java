package io.jvicorn.http2.session;

/**
 * One stream the client opened: its state, both windows, and what its request has sent against its Content-Length.
 * Kept by the connection until the stream is closed and the server has released it (its application finished), so a
 * stream whose application still runs counts against SETTINGS_MAX_CONCURRENT_STREAMS even after a client reset it.
 * Owned by the connection's thread.
 */
final class Stream {
    final int id;
    StreamState state = StreamState.IDLE;
    /** What the server may still send (the client's window for this stream). */
    final FlowWindow send;
    /** What the client may still send. */
    final InboundWindow receive;
    /** The request's Content-Length, or -1. */
    long expectedLength = -1;
    /** DATA octets received so far. */
    long receivedLength;
    /** Whether this server reset the stream: frames still in flight from the client are then ignored (§5.1). */
    boolean resetSent;
    /** Whether the server was told of the request (so it is told of the reset too). */
    boolean announced;
    /** Whether the server has let go of the stream (its application finished). */
    boolean released;

    Stream(int id, long sendWindow, int receiveTarget, long receiveWindow) {
        this.id = id;
        this.send = new FlowWindow(sendWindow);
        this.receive = new InboundWindow(receiveTarget, receiveWindow);
    }

    /** Applies a transition that the table allows (the caller has handled its violation, if any). */
    void apply(StreamInput input) {
        state = StreamTransitions.next(state, input).next();
    }
}
