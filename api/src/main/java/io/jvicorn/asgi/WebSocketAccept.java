package io.jvicorn.asgi;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * ASGI's {@code websocket.accept} message.
 *
 * <p>Accepts the handshake.
 *
 * @param subprotocol the chosen subprotocol, one the client offered, or null
 * @param headers     extra response headers; {@code sec-websocket-protocol} is not allowed here
 */
public record WebSocketAccept(@Nullable String subprotocol, List<Header> headers) implements SendEvent {
    /** Copies the headers and refuses a subprotocol header among them. */
    public WebSocketAccept {
        headers = List.copyOf(headers);
        for (Header h : headers) {
            if (h.is("sec-websocket-protocol")) {
                throw new IllegalArgumentException("pass the subprotocol as websocket.accept subprotocol, not as a header");
            }
        }
    }

    /** Accepts with no subprotocol and no extra headers. */
    public WebSocketAccept() {
        this(null, List.of());
    }

    @Override
    public String type() {
        return "websocket.accept";
    }
}
