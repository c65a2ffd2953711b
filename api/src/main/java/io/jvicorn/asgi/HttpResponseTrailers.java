package io.jvicorn.asgi;

import java.util.List;

/**
 * ASGI's {@code http.response.trailers} message.
 *
 * <p>Trailer fields, after the final body, when the start message set {@code trailers}. Sent as a chunked trailer
 * section; dropped when the response is not chunked.
 *
 * @param headers      the trailer fields
 * @param moreTrailers whether more trailer messages follow
 */
public record HttpResponseTrailers(List<Header> headers, boolean moreTrailers) implements SendEvent {
    /** Copies the header list. */
    public HttpResponseTrailers {
        headers = List.copyOf(headers);
    }

    @Override
    public String type() {
        return "http.response.trailers";
    }
}
