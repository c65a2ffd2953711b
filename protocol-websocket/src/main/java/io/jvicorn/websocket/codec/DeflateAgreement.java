package io.jvicorn.websocket.codec;

/**
 * The permessage-deflate parameters agreed in the handshake (RFC 7692 §7.1).
 *
 * @param serverNoContextTakeover the server resets its compressor after every message
 * @param clientNoContextTakeover the client resets its compressor after every message, so the server's decompressor
 *                                may too
 * @param serverMaxWindowBits     the {@code server_max_window_bits} the client asked for (8-15), which the response
 *                                confirms; 0 when it did not ask
 */
public record DeflateAgreement(
        boolean serverNoContextTakeover, boolean clientNoContextTakeover, int serverMaxWindowBits) {

    /** The extension's registered name. */
    public static final String EXTENSION_NAME = "permessage-deflate";

    /** Checks the window size. */
    public DeflateAgreement {
        if (serverMaxWindowBits != 0 && (serverMaxWindowBits < 8 || serverMaxWindowBits > 15)) {
            throw new IllegalArgumentException("server_max_window_bits must be 8..15, got " + serverMaxWindowBits);
        }
    }

    /**
     * Whether the server must compress without back-references. {@link java.util.zip.Deflater} always uses a 32 KiB
     * window; Huffman-only coding refers to no earlier bytes at all, so it keeps to any smaller window the client
     * asked for, at the price of a lower ratio.
     *
     * @return true when the agreed window is below 15 bits
     */
    public boolean huffmanOnly() {
        return serverMaxWindowBits != 0 && serverMaxWindowBits < 15;
    }

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
        if (serverMaxWindowBits != 0) {
            value.append("; server_max_window_bits=").append(serverMaxWindowBits);
        }
        return value.toString();
    }
}
