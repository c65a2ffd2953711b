package io.jvicorn.asgi;

import java.nio.charset.StandardCharsets;

/**
 * ASGI's {@code websocket.close} message.
 *
 * <p>Closes the socket; before {@link WebSocketAccept} it rejects the handshake with HTTP 403.
 *
 * @param code   a close code an endpoint may send (1000..1003, 1007..1014, 3000..4999)
 * @param reason the reason, at most 123 bytes of UTF-8
 */
public record WebSocketClose(int code, String reason) implements SendEvent {
    /** Validates code and reason as RFC 6455 §7.4 and §5.5 require. */
    public WebSocketClose {
        if (!CloseCodes.isSendable(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (allowed: 1000-1003, 1007-1014, 3000-4999)");
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("close reason is longer than 123 bytes of UTF-8");
        }
    }

    /** A normal closure, code 1000. */
    public WebSocketClose() {
        this(1000, "");
    }

    @Override
    public String type() {
        return "websocket.close";
    }
}
