package io.jvicorn.asgi;

/**
 * ASGI's {@code lifespan.startup} message.
 *
 * <p>The server is starting; answer with {@link LifespanStartupComplete} or {@link LifespanStartupFailed}.
 */
public record LifespanStartup() implements ReceiveEvent {
    /** The only instance needed. */
    public static final LifespanStartup INSTANCE = new LifespanStartup();

    @Override
    public String type() {
        return "lifespan.startup";
    }
}
