package io.jvicorn.websocket.codec;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.rules.WebSocketPhase;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A valid opening handshake: the application may now accept it (the 101 response, or 200 on an HTTP/2 stream) or
 * deny it.
 *
 * @param acceptValue  the {@code Sec-WebSocket-Accept} value for the client's key; null for an HTTP/2 extended CONNECT
 *                     (RFC 8441), which has no key
 * @param subprotocols the subprotocols the client offered, in order (the scope's {@code subprotocols})
 * @param deflate      the permessage-deflate agreement, or null when not offered, not acceptable or disabled
 */
public record HandshakeAccepted(@Nullable String acceptValue, List<String> subprotocols,
        @Nullable DeflateAgreement deflate)
        implements HandshakeOutcome {

    /** Copies the list. */
    public HandshakeAccepted {
        subprotocols = List.copyOf(subprotocols);
    }

    /**
     * The 101 response for this handshake; see {@link SwitchingProtocolsResponse#encode}.
     *
     * @param subprotocol    the application's choice among {@link #subprotocols()}, or null
     * @param extraHeaders   the application's headers
     * @param defaultHeaders header lines written verbatim, each ending in CRLF (for example date and server)
     * @return the response bytes
     * @throws IllegalArgumentException if the subprotocol was not offered or a header belongs to the handshake
     * @throws IllegalStateException    for an extended CONNECT, which is answered by {@link #extendedConnectFields}
     */
    public byte[] encodeResponse(@Nullable String subprotocol, List<Header> extraHeaders, byte[] defaultHeaders) {
        if (acceptValue == null) {
            throw new IllegalStateException("an HTTP/2 extended CONNECT is not answered with 101");
        }
        return SwitchingProtocolsResponse.encode(acceptValue, subprotocol, subprotocols,
                deflate == null ? null : deflate.responseHeaderValue(), extraHeaders, defaultHeaders);
    }

    /**
     * The fields of the 200 response that accepts an HTTP/2 extended CONNECT (RFC 8441 §5): the chosen
     * {@code sec-websocket-protocol}, the {@code sec-websocket-extensions} agreed, then the application's headers.
     *
     * @param subprotocol  the application's choice among {@link #subprotocols()}, or null
     * @param extraHeaders the application's headers
     * @return the fields (no {@code :status})
     * @throws IllegalArgumentException if the subprotocol was not offered or a header belongs to the handshake
     */
    public List<Header> extendedConnectFields(@Nullable String subprotocol, List<Header> extraHeaders) {
        WebSocketPhase.requireOffered(subprotocol, subprotocols);
        SwitchingProtocolsResponse.requireNoHandshakeHeader(extraHeaders);
        List<Header> fields = new ArrayList<>(extraHeaders.size() + 2);
        if (subprotocol != null) {
            fields.add(Header.of("sec-websocket-protocol", subprotocol));
        }
        if (deflate != null) {
            fields.add(Header.of("sec-websocket-extensions", deflate.responseHeaderValue()));
        }
        fields.addAll(extraHeaders);
        return fields;
    }
}
