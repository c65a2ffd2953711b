package io.jvicorn.asgi;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * ASGI's {@code http} scope: one per request.
 *
 * @param asgi        ASGI and spec versions
 * @param httpVersion {@code "1.0"} or {@code "1.1"}
 * @param method      the request method, uppercase as received
 * @param scheme      {@code "http"} or {@code "https"}
 * @param path        percent-decoded UTF-8 path, prefixed with the root path
 * @param rawPath     path bytes as received, prefixed with the root path
 * @param queryString query bytes as received
 * @param rootPath    the mount point, {@code ""} by default
 * @param headers     request headers, lowercase names, in order
 * @param client      the client's address
 * @param server      the server's address
 * @param state       a shallow copy of the lifespan state
 * @param extensions  supported extensions, for example {@code http.response.trailers}
 */
public record HttpScope(
        AsgiVersion asgi,
        String httpVersion,
        String method,
        String scheme,
        String path,
        byte[] rawPath,
        byte[] queryString,
        String rootPath,
        List<Header> headers,
        @Nullable Address client,
        @Nullable Address server,
        Map<String, Object> state,
        Map<String, Object> extensions) implements ConnectionScope {

    @Override
    public String type() {
        return "http";
    }
}
