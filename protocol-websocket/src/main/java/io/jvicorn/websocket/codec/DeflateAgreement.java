package io.jvicorn.websocket.codec;

/**
 * The permessage-deflate parameters agreed in the handshake (RFC 7692 §7.1).
 *
 * @param serverNoContextTakeover     the server resets its compressor after every message
 * @param clientNoContextTakeover     the client resets its compressor after every message, so the server's
 *                                    decompressor may too
 * @param serverMaxWindowBitsAccepted the client asked to bound the server's window and accepted 15 bits, which the
 *                                    response must confirm
 */
public record DeflateAgreement(
        boolean serverNoContextTakeover, boolean clientNoContextTakeover, boolean serverMaxWindowBitsAccepted) {

    /** The extension's registered name. */
    public static final String EXTENSION_NAME = "permessage-deflate";

    /**
     * The {@code Sec-WebSocket-Extensions} value that confirms this agreement.
     *
     * @return for example {@code permessage-deflate; client_no_context_takeover}
     */
    public String responseHeaderValue() {
        StringBuilder value = new StringBuilder(EXTENSION_NAME);
        if (serverNoContextTakeover) {
            value.append("; server_no_context_takeover");
        }
        if (clientNoContextTakeover) {
            value.append("; client_no_context_takeover");
        }
        if (serverMaxWindowBitsAccepted) {
            value.append("; server_max_window_bits=15");
        }
        return value.toString();
    }
}
