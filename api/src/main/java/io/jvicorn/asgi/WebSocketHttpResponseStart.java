package io.jvicorn.asgi;

import java.util.List;

/**
 * ASGI's {@code websocket.http.response.start} message.
 *
 * <p>The denial-response extension: rejects the handshake with this HTTP response instead of 403.
 *
 * @param status  the status code, 100..599
 * @param headers the response headers
 */
public record WebSocketHttpResponseStart(int status, List<Header> headers) implements SendEvent {
    /** Validates the status and copies the headers. */
    public WebSocketHttpResponseStart {
        HeaderValidation.requireStatus(status);
        headers = List.copyOf(headers);
    }

    @Override
    public String type() {
        return "websocket.http.response.start";
    }
}
