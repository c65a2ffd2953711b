package io.jvicorn.asgi;

/**
 * ASGI's {@code http.disconnect} message.
 *
 * <p>The client went away, or {@code receive()} was called after the response was complete.
 */
public record HttpDisconnect() implements ReceiveEvent {
    /** The only instance needed. */
    public static final HttpDisconnect INSTANCE = new HttpDisconnect();

    @Override
    public String type() {
        return "http.disconnect";
    }
}
