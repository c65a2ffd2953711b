package io.jvicorn.websocket.codec;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.rules.WebSocketPhase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Encodes the {@code 101 Switching Protocols} response that completes the opening handshake (RFC 6455 §4.2.2). */
public final class SwitchingProtocolsResponse {

    /** Headers the handshake itself writes; an application header of the same name would contradict them. */
    private static final Set<String> HANDSHAKE_HEADERS = Set.of(
            "upgrade", "connection", "sec-websocket-accept", "sec-websocket-protocol", "sec-websocket-extensions");

    private SwitchingProtocolsResponse() {
    }

    /**
     * Encodes the response: status line, {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Accept}, the
     * optional {@code Sec-WebSocket-Protocol} and {@code Sec-WebSocket-Extensions}, the default header lines, the
     * extra headers, and the empty line.
     *
     * @param acceptValue         the {@code Sec-WebSocket-Accept} value
     * @param subprotocol         the chosen subprotocol, or null for none
     * @param offeredSubprotocols what the client offered; a non-null subprotocol must be one of them
     * @param extensions          the {@code Sec-WebSocket-Extensions} value, or null for none
     * @param extraHeaders        the application's headers
     * @param defaultHeaders      header lines written verbatim, each ending in CRLF
     * @return the response bytes
     * @throws IllegalArgumentException if the subprotocol was not offered, or an extra header is one the handshake
     *                                  writes (Upgrade, Connection, Sec-WebSocket-Accept/-Protocol/-Extensions)
     */
    public static byte[] encode(String acceptValue, @Nullable String subprotocol, List<String> offeredSubprotocols,
            @Nullable String extensions, List<Header> extraHeaders, byte[] defaultHeaders) {
        WebSocketPhase.requireOffered(subprotocol, offeredSubprotocols);
        StringBuilder head = new StringBuilder(160)
                .append("HTTP/1.1 101 Switching Protocols\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ").append(acceptValue).append("\r\n");
        if (subprotocol != null) {
            head.append("Sec-WebSocket-Protocol: ").append(subprotocol).append("\r\n");
        }
        if (extensions != null) {
            head.append("Sec-WebSocket-Extensions: ").append(extensions).append("\r\n");
        }
        requireNoHandshakeHeader(extraHeaders);
        StringBuilder tail = new StringBuilder();
        for (Header header : extraHeaders) {
            tail.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        tail.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + defaultHeaders.length + tail.length());
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(defaultHeaders);
        out.writeBytes(tail.toString().getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /**
     * Checks an application's handshake headers.
     *
     * @param extraHeaders the application's headers
     * @throws IllegalArgumentException if one is a header the handshake writes itself
     */
    static void requireNoHandshakeHeader(List<Header> extraHeaders) {
        for (Header header : extraHeaders) {
            if (HANDSHAKE_HEADERS.contains(header.lowerName())) {
                throw new IllegalArgumentException("header '" + header.name() + "' is set by the WebSocket handshake");
            }
        }
    }
}
