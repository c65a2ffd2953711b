package io.jvicorn.http2.session;

/** What happens to a stream, the inputs of {@link StreamTransitions}: frames received and frames sent. */
public enum StreamInput {
    /** A HEADERS block received: the request's head on an idle stream, trailers on an open one. */
    RECV_HEADERS,
    /** A DATA frame (or a piece of one) received. */
    RECV_DATA,
    /** END_STREAM received, on DATA or HEADERS (after that frame's own input). */
    RECV_END_STREAM,
    /** RST_STREAM received. */
    RECV_RST_STREAM,
    /** The response's HEADERS sent. */
    SEND_HEADERS,
    /** END_STREAM sent, on DATA or HEADERS. */
    SEND_END_STREAM,
    /** RST_STREAM sent. */
    SEND_RST_STREAM
}
