package io.jvicorn.asgi;

/**
 * ASGI's {@code lifespan.shutdown.complete} message.
 *
 * <p>Shutdown finished.
 */
public record LifespanShutdownComplete() implements SendEvent {

    @Override
    public String type() {
        return "lifespan.shutdown.complete";
    }
}
