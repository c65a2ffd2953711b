package io.jvicorn.http2.server;

import io.jvicorn.http11.server.AppGeneration;
import io.jvicorn.http11.server.ServerActivity;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Http2ConnectionHandler} serves on one stream: an HTTP exchange ({@link StreamExchange}) or a WebSocket
 * (RFC 8441, {@link WebSocketStream}), each with its application on the stream's own virtual thread and its response
 * parts on their way to the loop in a {@link PartHandoff}. The methods below run on the loop thread unless they say
 * otherwise.
 */
abstract class ServerStream {
    /** The stream's identifier. */
    final int id;
    /** The response parts from the stream's thread to the loop. */
    final PartHandoff parts = new PartHandoff();

    /**
     * What the loop does once the waiting part is sent or the stream is gone: the application finished while the
     * stream's last part waited for a window. Loop thread.
     */
    @Nullable Runnable whenSettled;

    ServerStream(int id) {
        this.id = id;
    }

    /** @return the stream's identifier */
    final int id() {
        return id;
    }

    /** @return the response part waiting to be sent, or null */
    final @Nullable Outgoing outgoing() {
        return parts.outgoing();
    }

    /** The session has taken the whole waiting part. */
    final void sent() {
        parts.sent();
    }

    /** The stream is gone (reset by the client or by a rule, or the connection closed). */
    abstract void fail();

    /**
     * The client's DATA on the stream.
     *
     * @param data a view valid during this call only
     */
    abstract void data(ByteBuffer data);

    /** The client ended its side of the stream (END_STREAM). */
    abstract void end();

    /** The server's graceful shutdown ran out of time: the application is interrupted. */
    abstract void cancel();

    /**
     * The loop's tick.
     *
     * @param nowNanos the transport's clock
     */
    void tick(long nowNanos) {
    }

    /** The server shuts down gracefully (an exchange simply finishes; the session's GOAWAY says the rest). */
    void shutdown() {
    }

    /**
     * Counts the stream's application task as started and gives the stream's thread (its own: nothing to put back) the
     * application generation's context loader, as HTTP/1.1 sets it. The stream's thread.
     *
     * @param activity the server's activity
     * @return the generation the application runs on
     */
    static AppGeneration taskStarted(ServerActivity activity) {
        AppGeneration generation = activity.taskStarted();
        ClassLoader loader = generation.contextLoader(); // a reloadable application's
        if (loader != null) {
            Thread.currentThread().setContextClassLoader(loader);
        }
        return generation;
    }
}
