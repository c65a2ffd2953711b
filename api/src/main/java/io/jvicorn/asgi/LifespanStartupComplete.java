package io.jvicorn.asgi;

/**
 * ASGI's {@code lifespan.startup.complete} message.
 *
 * <p>Startup succeeded; the server starts accepting connections.
 */
public record LifespanStartupComplete() implements SendEvent {

    @Override
    public String type() {
        return "lifespan.startup.complete";
    }
}
