package io.jvicorn.testing;

import io.jvicorn.asgi.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The application refused a WebSocket handshake: with {@code websocket.close} before accepting (HTTP 403, as the
 * server answers), with a denial response ({@code websocket.http.response.*}), or by returning or failing before it
 * answered (500).
 */
public final class WebSocketDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<Header> headers;
    private final byte[] body;

    WebSocketDeniedException(int status, List<Header> headers, byte[] body) {
        super("WebSocket handshake denied with HTTP " + status);
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body.clone();
    }

    /** @return the HTTP status of the refusal */
    public int status() {
        return status;
    }

    /** @return the denial response's headers (none for a 403 or 500 the server writes) */
    public List<Header> headers() {
        return headers;
    }

    /** @return the denial response's body */
    public byte[] body() {
        return body.clone();
    }

    /** @return the body as UTF-8 text */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
