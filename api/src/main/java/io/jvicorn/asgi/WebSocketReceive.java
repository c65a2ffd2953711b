package io.jvicorn.asgi;

import org.jspecify.annotations.Nullable;

/**
 * ASGI's {@code websocket.receive} message.
 *
 * <p>A complete message from the client: exactly one of {@code bytes} and {@code text} is non-null.
 *
 * @param bytes a binary message
 * @param text  a text message
 */
public record WebSocketReceive(@Nullable byte[] bytes, @Nullable String text) implements ReceiveEvent {
    /** Requires exactly one payload. */
    public WebSocketReceive {
        if ((bytes == null) == (text == null)) {
            throw new IllegalArgumentException("websocket.receive needs exactly one of bytes and text");
        }
    }

    @Override
    public String type() {
        return "websocket.receive";
    }
}
