package io.jvicorn.asgi;

/**
 * ASGI's {@code http.request} message.
 *
 * <p>A part of the request body; the last part has {@code moreBody == false}. The array belongs to the message.
 *
 * @param body     body bytes, possibly empty
 * @param moreBody whether more parts follow
 */
public record HttpRequest(byte[] body, boolean moreBody) implements ReceiveEvent {
    /** An empty final body. */
    public static final HttpRequest EMPTY = new HttpRequest(new byte[0], false);

    @Override
    public String type() {
        return "http.request";
    }
}
