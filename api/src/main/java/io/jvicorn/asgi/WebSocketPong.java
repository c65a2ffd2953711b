package io.jvicorn.asgi;

/**
 * jvicorn's {@code websocket.pong} message (ASGI has none): sends an unsolicited pong frame on an accepted socket, a
 * one-way heartbeat (RFC 6455 §5.5.3). The server answers the client's pings itself.
 *
 * @param payload application data, at most 125 bytes
 */
public record WebSocketPong(byte[] payload) implements SendEvent {
    /** Refuses a payload a control frame cannot carry (RFC 6455 §5.5). */
    public WebSocketPong {
        ControlPayloads.require(payload, "pong");
    }

    @Override
    public String type() {
        return "websocket.pong";
    }
}
