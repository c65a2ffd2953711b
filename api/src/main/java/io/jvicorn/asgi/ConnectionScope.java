package io.jvicorn.asgi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What {@link HttpScope} and {@link WebSocketScope} share: the request line, headers and the two ends. */
public sealed interface ConnectionScope extends Scope permits HttpScope, WebSocketScope {

    /** @return {@code "1.0"} or {@code "1.1"} */
    String httpVersion();

    /** @return {@code "http"}/{@code "https"} for HTTP, {@code "ws"}/{@code "wss"} for WebSocket */
    String scheme();

    /** @return the percent-decoded UTF-8 path, prefixed with {@link #rootPath()} */
    String path();

    /** @return the path bytes as received (no query), prefixed with {@link #rootPath()} */
    byte[] rawPath();

    /** @return the query string bytes as received, still percent-encoded, without the {@code ?} */
    byte[] queryString();

    /** @return the mount point of the application, {@code ""} by default */
    String rootPath();

    /** @return the request headers in order, names in lowercase, duplicates kept */
    List<Header> headers();

    /** @return the client's address, or null when unknown */
    @Nullable Address client();

    /** @return the server's address, or null when unknown */
    @Nullable Address server();

    /** @return optional protocol extensions the server supports for this scope */
    Map<String, Object> extensions();

    /**
     * The first value of a request header.
     *
     * @param name the name, matched ignoring case
     * @return the value, or null when absent
     */
    default @Nullable String header(String name) {
        return Header.first(headers(), name);
    }

    /**
     * The query string as text (it is ASCII on the wire).
     *
     * @return the query string, without the {@code ?}
     */
    default String query() {
        return new String(queryString(), StandardCharsets.ISO_8859_1);
    }
}
