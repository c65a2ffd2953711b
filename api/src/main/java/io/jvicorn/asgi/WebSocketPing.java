package io.jvicorn.asgi;

/**
 * jvicorn's {@code websocket.ping} message (ASGI has none): sends a ping frame on an accepted socket.
 *
 * <p>The client answers with a pong. Once an application has sent a ping, the pongs the client sends that do not
 * answer the server's own keepalive ping arrive as {@link WebSocketPongReceive}; an application that never pings never
 * receives one, so applications written for ASGI's events see no change.
 *
 * @param payload application data, at most 125 bytes, echoed by the pong
 */
public record WebSocketPing(byte[] payload) implements SendEvent {
    /** Refuses a payload a control frame cannot carry (RFC 6455 §5.5). */
    public WebSocketPing {
        ControlPayloads.require(payload, "ping");
    }

    @Override
    public String type() {
        return "websocket.ping";
    }
}
