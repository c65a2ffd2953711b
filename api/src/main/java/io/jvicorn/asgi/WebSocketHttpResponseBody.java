package io.jvicorn.asgi;

/**
 * ASGI's {@code websocket.http.response.body} message.
 *
 * <p>A part of the denial response body.
 *
 * @param body     body bytes
 * @param moreBody whether more parts follow
 */
public record WebSocketHttpResponseBody(byte[] body, boolean moreBody) implements SendEvent {

    @Override
    public String type() {
        return "websocket.http.response.body";
    }
}
