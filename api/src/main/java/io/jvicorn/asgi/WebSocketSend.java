package io.jvicorn.asgi;

import org.jspecify.annotations.Nullable;

/**
 * ASGI's {@code websocket.send} message.
 *
 * <p>A message to the client: exactly one of {@code bytes} and {@code text} is non-null.
 *
 * @param bytes a binary message
 * @param text  a text message
 */
public record WebSocketSend(@Nullable byte[] bytes, @Nullable String text) implements SendEvent {
    /** Requires exactly one payload. */
    public WebSocketSend {
        if ((bytes == null) == (text == null)) {
            throw new IllegalArgumentException("websocket.send needs exactly one of bytes and text");
        }
    }

    /**
     * A text message.
     *
     * @param text the text
     * @return the message
     */
    public static WebSocketSend text(String text) {
        return new WebSocketSend(null, text);
    }

    /**
     * A binary message.
     *
     * @param bytes the bytes
     * @return the message
     */
    public static WebSocketSend bytes(byte[] bytes) {
        return new WebSocketSend(bytes, null);
    }

    @Override
    public String type() {
        return "websocket.send";
    }
}
