package io.jvicorn.websocket.codec;

import io.jvicorn.asgi.WebSocketReceive;

/** What a {@link WebSocketSession} made of received bytes: a complete message, a control frame or a failure. */
public sealed interface WebSocketEvent {

    /**
     * A complete text message, validated as UTF-8.
     *
     * @param text the text
     */
    record TextMessage(String text) implements WebSocketEvent {
        /**
         * As ASGI's {@code websocket.receive}.
         *
         * @return the message
         */
        public WebSocketReceive toReceive() {
            return new WebSocketReceive(null, text);
        }
    }

    /**
     * A complete binary message.
     *
     * @param bytes the bytes, owned by the receiver of this event
     */
    record BinaryMessage(byte[] bytes) implements WebSocketEvent {
        /**
         * As ASGI's {@code websocket.receive}.
         *
         * @return the message
         */
        public WebSocketReceive toReceive() {
            return new WebSocketReceive(bytes, null);
        }
    }

    /**
     * A ping: answer with {@link WebSocketSession#encodePong} and the same payload.
     *
     * @param payload the ping's application data, at most 125 bytes
     */
    record PingReceived(byte[] payload) implements WebSocketEvent {
    }

    /**
     * A pong, solicited (answering a keepalive ping) or not.
     *
     * @param payload the pong's application data, at most 125 bytes
     */
    record PongReceived(byte[] payload) implements WebSocketEvent {
    }

    /**
     * The peer's close frame. The session reads no more input; if it has not sent its own close yet, it now owes one,
     * available from {@link WebSocketSession#pendingClose()}.
     *
     * @param status the peer's code and reason; {@link CloseStatus#EMPTY} (1005) for an empty close frame
     */
    record CloseReceived(CloseStatus status) implements WebSocketEvent {
    }

    /**
     * The peer broke the protocol. The session reads no more input; unless it had already sent a close frame,
     * {@link WebSocketSession#pendingClose()} holds the close to send before closing the connection.
     *
     * @param status the close code (1002, 1007 or 1009) and a short reason
     */
    record ProtocolFailure(CloseStatus status) implements WebSocketEvent {
    }
}
