package io.jvicorn.jakarta.websocket;

import io.jvicorn.asgi.Header;
import jakarta.websocket.HandshakeResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The handshake response headers a {@code Configurator.modifyHandshake} may set. The handshake's own headers
 * (upgrade, accept key, extensions) are jvicorn's to write; a {@code Sec-WebSocket-Protocol} set here chooses the
 * subprotocol. Used by the connection's thread only.
 */
final class HandshakeReply implements HandshakeResponse {
    private static final Set<String> SERVER_OWNED = Set.of("upgrade", "connection", "sec-websocket-accept",
            "sec-websocket-extensions", "sec-websocket-protocol");

    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    /** @return the subprotocol a configurator set as a header, or null */
    @Nullable String subprotocolHeader() {
        List<String> values = headers.get("sec-websocket-protocol");
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * @return the extra headers for {@code websocket.accept}
     * @throws IllegalArgumentException when a name or value is not allowed in HTTP
     */
    List<Header> extraHeaders() {
        List<Header> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (SERVER_OWNED.contains(e.getKey().toLowerCase(java.util.Locale.ROOT)) || e.getValue() == null) {
                continue;
            }
            for (String v : e.getValue()) {
                out.add(Header.of(e.getKey(), v));
            }
        }
        return out;
    }
}
