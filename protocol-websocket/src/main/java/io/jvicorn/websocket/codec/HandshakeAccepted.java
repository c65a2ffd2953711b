package io.jvicorn.websocket.codec;

import io.jvicorn.asgi.Header;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A valid opening handshake: the application may now accept it (the 101 response) or deny it.
 *
 * @param acceptValue  the {@code Sec-WebSocket-Accept} value for the client's key
 * @param subprotocols the subprotocols the client offered, in order (the scope's {@code subprotocols})
 * @param deflate      the permessage-deflate agreement, or null when not offered, not acceptable or disabled
 */
public record HandshakeAccepted(String acceptValue, List<String> subprotocols, @Nullable DeflateAgreement deflate)
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
     */
    public byte[] encodeResponse(@Nullable String subprotocol, List<Header> extraHeaders, byte[] defaultHeaders) {
        return SwitchingProtocolsResponse.encode(acceptValue, subprotocol, subprotocols,
                deflate == null ? null : deflate.responseHeaderValue(), extraHeaders, defaultHeaders);
    }
}
