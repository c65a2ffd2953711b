package io.jvicorn.http11.codec;

import io.jvicorn.asgi.Header;
import java.util.List;

/**
 * End of the request: after the body, or directly after the head if there is none.
 *
 * @param trailers the trailer fields of a chunked body (names lowercased; framing and routing fields dropped)
 */
public record RequestEnd(List<Header> trailers) implements ParseEvent {
    /** The end of a request without trailer fields. */
    public static final RequestEnd NO_TRAILERS = new RequestEnd(List.of());
}
