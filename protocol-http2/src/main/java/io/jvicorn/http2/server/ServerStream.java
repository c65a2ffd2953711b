package io.jvicorn.http2.server;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Http2ConnectionHandler} serves on one stream: an HTTP exchange ({@link StreamExchange}) or a WebSocket
 * (RFC 8441, {@link WebSocketStream}). Every method runs on the loop thread.
 */
interface ServerStream {
    /** @return the stream's identifier */
    int id();

    /** @return the response part waiting to be sent, or null */
    @Nullable Outgoing outgoing();

    /** The session has taken the whole waiting part. */
    void sent();

    /** The stream is gone (reset by the client or by a rule, or the connection closed). */
    void fail();

    /**
     * The client's DATA on the stream.
     *
     * @param data a view valid during this call only
     */
    void data(ByteBuffer data);

    /** The client ended its side of the stream (END_STREAM). */
    void end();

    /** The server's graceful shutdown ran out of time: the application is interrupted. */
    void cancel();

    /**
     * The loop's tick.
     *
     * @param nowNanos the transport's clock
     */
    default void tick(long nowNanos) {
    }

    /** The server shuts down gracefully (an exchange simply finishes; the session's GOAWAY says the rest). */
    default void shutdown() {
    }
}
