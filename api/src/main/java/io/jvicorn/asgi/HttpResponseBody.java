package io.jvicorn.asgi;

import java.nio.charset.StandardCharsets;

/**
 * ASGI's {@code http.response.body} message.
 *
 * <p>A part of the response body. The array belongs to the message once sent: do not change it afterwards.
 *
 * @param body     body bytes, possibly empty
 * @param moreBody whether more parts follow
 */
public record HttpResponseBody(byte[] body, boolean moreBody) implements SendEvent {
    /**
     * A final body part.
     *
     * @param body the bytes
     */
    public HttpResponseBody(byte[] body) {
        this(body, false);
    }

    /**
     * A final body from text.
     *
     * @param text encoded as UTF-8
     * @return the message
     */
    public static HttpResponseBody of(String text) {
        return new HttpResponseBody(text.getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public String type() {
        return "http.response.body";
    }
}
