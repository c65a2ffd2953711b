package io.jvicorn.testing;

import io.jvicorn.asgi.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A complete response from the application.
 *
 * @param status   the status code
 * @param headers  the response headers, as the application sent them
 * @param body     the body bytes (none for HEAD, 1xx, 204 and 304, as the server sends none)
 * @param trailers the trailer fields, if the application sent any
 */
public record TestResponse(int status, List<Header> headers, byte[] body, List<Header> trailers) {
    /** Copies the lists. */
    public TestResponse {
        headers = List.copyOf(headers);
        trailers = List.copyOf(trailers);
    }

    /**
     * @param name a header name, matched ignoring case
     * @return its first value, or null
     */
    public @Nullable String header(String name) {
        return Header.first(headers, name);
    }

    /** @return the body as UTF-8 text */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
