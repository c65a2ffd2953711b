package io.jvicorn.asgi;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * ASGI's {@code websocket} scope: one per socket.
 *
 * @param asgi         ASGI and spec versions
 * @param httpVersion  {@code "1.1"}
 * @param scheme       {@code "ws"} or {@code "wss"}
 * @param path         percent-decoded UTF-8 path, prefixed with the root path
 * @param rawPath      path bytes as received, prefixed with the root path
 * @param queryString  query bytes as received
 * @param rootPath     the mount point
 * @param headers      handshake request headers, lowercase names, in order
 * @param client       the client's address
 * @param server       the server's address
 * @param subprotocols the subprotocols the client offered, in its order
 * @param state        a shallow copy of the lifespan state
 * @param extensions   supported extensions, for example {@code websocket.http.response}
 */
public record WebSocketScope(
        AsgiVersion asgi,
        String httpVersion,
        String scheme,
        String path,
        byte[] rawPath,
        byte[] queryString,
        String rootPath,
        List<Header> headers,
        @Nullable Address client,
        @Nullable Address server,
        List<String> subprotocols,
        Map<String, Object> state,
        Map<String, Object> extensions) implements ConnectionScope {

    @Override
    public String type() {
        return "websocket";
    }
}
