package io.jvicorn.http2.session;

import io.jvicorn.http2.frame.ErrorCode;
import java.nio.ByteBuffer;

/**
 * What an {@link Http2Session} tells the server, on the connection's thread, while it handles input (or, for
 * {@link #reset}, when the server's own call ends a stream or the connection).
 */
public interface SessionListener {
    /**
     * A stream opened with a valid request head. With {@code endStream} no {@link #end} follows.
     *
     * @param streamId  the stream
     * @param request   the request head
     * @param endStream whether the request has no body (END_STREAM on HEADERS)
     */
    void request(int streamId, Http2Request request, boolean endStream);

    /**
     * Request body octets. The stream's window re-opens only as the server reports them consumed with
     * {@link Http2Session#consumed}, which is how a slow application holds the client back.
     *
     * @param streamId the stream
     * @param data     a view valid during this call only
     */
    void data(int streamId, ByteBuffer data);

    /**
     * The request ended (END_STREAM on DATA or trailers).
     *
     * @param streamId the stream
     */
    void end(int streamId);

    /**
     * A stream announced by {@link #request} ended abnormally: the client reset it, it broke a rule, or the connection
     * failed. The server should stop its application's work, give back the body octets it buffered and will not
     * deliver ({@link Http2Session#consumed}: they count against the connection's window), and
     * {@link Http2Session#release} the stream when its application has finished.
     *
     * @param streamId the stream
     * @param code     why
     */
    void reset(int streamId, ErrorCode code);

    /**
     * The client opened a send window: the stream's, or with 0 the connection's (or SETTINGS_INITIAL_WINDOW_SIZE grew),
     * which may let every waiting stream send.
     *
     * @param streamId the stream, or 0
     */
    void windowOpened(int streamId);
}
