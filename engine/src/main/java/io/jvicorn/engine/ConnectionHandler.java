package io.jvicorn.engine;

import java.nio.ByteBuffer;

/**
 * A protocol's side of one connection. Every method runs on the connection's {@link SelectorLoop} thread, so a
 * handler needs no locks for state only the loop touches. Handlers must never block.
 */
public interface ConnectionHandler {

    /**
     * Bytes arrived. {@code in} is the loop's shared read buffer: it is only valid during this call, so bytes the
     * handler cannot process now must be copied (and reads suspended).
     *
     * @param in the bytes, from position to limit
     */
    void onData(ByteBuffer in);

    /** The peer closed its sending side (EOF). The handler decides whether to close the connection. */
    void onInputClosed();

    /**
     * The loop's periodic tick (a few times a second): check deadlines here.
     *
     * @param nowNanos {@link System#nanoTime()} at the tick
     */
    void onTick(long nowNanos);

    /**
     * The server is shutting down gracefully: close now if idle, otherwise finish the current work and close.
     */
    void onShutdown();

    /** The graceful shutdown timed out: cancel the application work and close. */
    void onCancel();

    /** The connection is closed (by either side); release resources and wake anyone waiting. */
    void onClosed();
}
