package io.jvicorn.asgi;

import java.util.List;

/**
 * ASGI's {@code http.response.start} message.
 *
 * <p>Starts the response. The server owns the framing: a {@code transfer-encoding} header from the application is
 * ignored, a {@code content-length} header is honoured and checked against the body.
 *
 * @param status   the status code, 100..599
 * @param headers  response headers, written as given and in order
 * @param trailers whether {@link HttpResponseTrailers} will follow the body
 */
public record HttpResponseStart(int status, List<Header> headers, boolean trailers) implements SendEvent {
    /** Validates the status and copies the header list. */
    public HttpResponseStart {
        HeaderValidation.requireStatus(status);
        headers = List.copyOf(headers);
    }

    /**
     * A start without trailers.
     *
     * @param status  the status code
     * @param headers the headers
     */
    public HttpResponseStart(int status, List<Header> headers) {
        this(status, headers, false);
    }

    @Override
    public String type() {
        return "http.response.start";
    }
}
