package io.jvicorn.asgi;

/**
 * ASGI's {@code websocket.disconnect} message.
 *
 * <p>The socket is closed, by the client or by the server.
 *
 * @param code   the close code (1005 when the client sent none, 1006 when the connection dropped)
 * @param reason the close reason, possibly empty
 */
public record WebSocketDisconnect(int code, String reason) implements ReceiveEvent {

    @Override
    public String type() {
        return "websocket.disconnect";
    }
}
