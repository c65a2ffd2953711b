package io.jvicorn.asgi;

/**
 * ASGI's {@code lifespan.shutdown} message.
 *
 * <p>The server has stopped serving; answer with {@link LifespanShutdownComplete} or {@link LifespanShutdownFailed}.
 */
public record LifespanShutdown() implements ReceiveEvent {
    /** The only instance needed. */
    public static final LifespanShutdown INSTANCE = new LifespanShutdown();

    @Override
    public String type() {
        return "lifespan.shutdown";
    }
}
