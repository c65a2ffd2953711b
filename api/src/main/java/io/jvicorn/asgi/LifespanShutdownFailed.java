package io.jvicorn.asgi;

/**
 * ASGI's {@code lifespan.shutdown.failed} message.
 *
 * <p>Shutdown failed; the server logs the message.
 *
 * @param message what went wrong
 */
public record LifespanShutdownFailed(String message) implements SendEvent {

    @Override
    public String type() {
        return "lifespan.shutdown.failed";
    }
}
