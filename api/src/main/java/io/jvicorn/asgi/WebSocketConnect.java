package io.jvicorn.asgi;

/**
 * ASGI's {@code websocket.connect} message.
 *
 * <p>The first event of a WebSocket scope; answer with {@link WebSocketAccept} or {@link WebSocketClose}.
 */
public record WebSocketConnect() implements ReceiveEvent {
    /** The only instance needed. */
    public static final WebSocketConnect INSTANCE = new WebSocketConnect();

    @Override
    public String type() {
        return "websocket.connect";
    }
}
