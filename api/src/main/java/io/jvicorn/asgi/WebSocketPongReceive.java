package io.jvicorn.asgi;

/**
 * jvicorn's {@code websocket.pong.receive} message (ASGI has none): a pong from the client, delivered only to an
 * application that has sent a {@link WebSocketPing} on this socket (pongs answering the server's keepalive pings are
 * the server's own).
 *
 * @param payload the pong's application data, at most 125 bytes
 */
public record WebSocketPongReceive(byte[] payload) implements ReceiveEvent {

    @Override
    public String type() {
        return "websocket.pong.receive";
    }
}
