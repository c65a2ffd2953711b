package io.jvicorn.asgi;

/**
 * ASGI's {@code lifespan.startup.failed} message.
 *
 * <p>Startup failed; the server logs the message and exits with code 3.
 *
 * @param message what went wrong
 */
public record LifespanStartupFailed(String message) implements SendEvent {

    @Override
    public String type() {
        return "lifespan.startup.failed";
    }
}
