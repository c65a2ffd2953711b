package io.jvicorn.asgi;

import java.nio.file.Path;

/**
 * ASGI's {@code http.response.pathsend} message.
 *
 * <p>The whole response body is the file at {@code path}, sent by the server without copying it through the
 * application. Sent once instead of any {@link HttpResponseBody}.
 *
 * @param path an absolute path to a regular file
 */
public record HttpResponsePathsend(Path path) implements SendEvent {
    /** Requires an absolute path, as ASGI does. */
    public HttpResponsePathsend {
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("http.response.pathsend needs an absolute path, got " + path);
        }
    }

    @Override
    public String type() {
        return "http.response.pathsend";
    }
}
