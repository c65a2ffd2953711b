package io.jvicorn.asgi;

/** An ASGI event. Every message is an immutable value, validated when built, and knows its ASGI {@link #type()}. */
public sealed interface Message permits ReceiveEvent, SendEvent {

    /**
     * The ASGI type name, for example {@code "http.response.start"}.
     *
     * @return the type name
     */
    String type();
}
