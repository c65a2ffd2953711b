package io.jvicorn.asgi.rules;

import io.jvicorn.http.PathDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an {@code http} or {@code websocket} scope that every implementation of the protocol builds the same way
 * from a request line: the server's HTTP/1.1 handler and the in-process test client both call these, so an application
 * sees the same {@code path}, {@code raw_path} and {@code extensions} from either.
 */
public final class ScopeParts {
    /** The extensions of an {@code http} scope on a plaintext connection. */
    public static final Map<String, Object> HTTP_EXTENSIONS = Map.of(
            "http.response.trailers", Map.of(),
            "http.response.pathsend", Map.of());
    /** The extensions of a {@code websocket} scope on a plaintext connection: the denial response. */
    public static final Map<String, Object> WEBSOCKET_EXTENSIONS = Map.of("websocket.http.response", Map.of());

    private ScopeParts() {
    }

    /**
     * ASGI's {@code path}: the raw path percent-decoded, with {@code root_path} in front, as Uvicorn builds it.
     *
     * @param rawPath  the path bytes as received, without the query
     * @param rootPath the mount point, {@code ""} for none
     * @return the decoded path
     */
    public static String path(byte[] rawPath, String rootPath) {
        String decoded = PathDecoder.decode(rawPath);
        return rootPath.isEmpty() ? decoded : rootPath + decoded;
    }

    /**
     * ASGI's {@code raw_path}: the path bytes as received with {@code root_path} (as UTF-8) in front.
     *
     * @param rawPath  the path bytes as received
     * @param rootPath the mount point
     * @return {@code rawPath} itself when there is no root path, else a new array
     */
    public static byte[] rawPath(byte[] rawPath, String rootPath) {
        if (rootPath.isEmpty()) {
            return rawPath;
        }
        byte[] prefix = rootPath.getBytes(StandardCharsets.UTF_8);
        byte[] joined = new byte[prefix.length + rawPath.length];
        System.arraycopy(prefix, 0, joined, 0, prefix.length);
        System.arraycopy(rawPath, 0, joined, prefix.length, rawPath.length);
        return joined;
    }

    /**
     * An {@code http} scope's extensions.
     *
     * @param tls the {@code tls} extension ({@link TlsExtension#asgiExtension}), or null on plaintext
     * @return {@link #HTTP_EXTENSIONS}, plus {@code tls} when given (a new map: build it once per connection)
     */
    public static Map<String, Object> httpExtensions(@Nullable Map<String, ?> tls) {
        return tls == null ? HTTP_EXTENSIONS
                : Map.of("http.response.trailers", Map.of(), "http.response.pathsend", Map.of(), "tls", tls);
    }

    /**
     * A {@code websocket} scope's extensions.
     *
     * @param tls the {@code tls} extension, or null on plaintext
     * @return {@link #WEBSOCKET_EXTENSIONS}, plus {@code tls} when given
     */
    public static Map<String, Object> webSocketExtensions(@Nullable Map<String, ?> tls) {
        return tls == null ? WEBSOCKET_EXTENSIONS : Map.of("websocket.http.response", Map.of(), "tls", tls);
    }
}
