package io.jvicorn.websocket.codec;

import io.jvicorn.asgi.Header;
import io.jvicorn.http.HttpSyntax;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Validates a client's opening handshake (RFC 6455 §4.2.1) and computes the server's side of it.
 *
 * <p>Checks run in the order Python's websockets library uses, so a request with several defects gets the same
 * answer as under Uvicorn: method, HTTP version, {@code Connection}, {@code Upgrade}, {@code Sec-WebSocket-Key}, then
 * {@code Sec-WebSocket-Version}.
 */
public final class WebSocketHandshake {

    /** The GUID RFC 6455 §1.3 appends to the key before hashing. */
    private static final String KEY_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final String SUPPORTED_VERSION = "13";
    /** What a rejection for the version tells the client (RFC 6455 §4.4). */
    private static final List<Header> VERSION_HEADERS = List.of(Header.of("Sec-WebSocket-Version", SUPPORTED_VERSION));

    private WebSocketHandshake() {
    }

    /**
     * Validates a handshake request.
     *
     * @param method      the request method
     * @param httpVersion the HTTP version, such as {@code "1.1"}
     * @param headers     the request headers
     * @param config      whether permessage-deflate may be agreed
     * @return the accepted handshake or the rejection to send
     */
    public static HandshakeOutcome validate(String method, String httpVersion, List<Header> headers,
            WebSocketConfig config) {
        if (!method.equals("GET")) {
            return badRequest("WebSocket handshake requires GET, not " + method);
        }
        if (!httpVersion.equals("1.1")) {
            return badRequest("WebSocket handshake requires HTTP/1.1");
        }
        if (!FieldValues.listContains(headers, "connection", "upgrade")) {
            return badRequest("Missing Connection: Upgrade header");
        }
        if (!FieldValues.listContains(headers, "upgrade", "websocket")) {
            return badRequest("Missing Upgrade: websocket header");
        }
        List<String> keys = FieldValues.values(headers, "sec-websocket-key");
        if (keys.isEmpty()) {
            return badRequest("Missing Sec-WebSocket-Key header");
        }
        if (keys.size() > 1) {
            return badRequest("Multiple Sec-WebSocket-Key headers");
        }
        String key = keys.get(0);
        if (!isValidKey(key)) {
            return badRequest("Invalid Sec-WebSocket-Key header");
        }
        List<String> versions = FieldValues.values(headers, "sec-websocket-version");
        if (versions.isEmpty()) {
            return upgradeRequired("Missing Sec-WebSocket-Version header");
        }
        if (versions.size() > 1 || !versions.get(0).equals(SUPPORTED_VERSION)) {
            return upgradeRequired("Unsupported Sec-WebSocket-Version header");
        }
        return negotiate(headers, config, acceptValue(key));
    }

    /**
     * Validates a WebSocket request that came as an HTTP/2 extended CONNECT (RFC 8441 §5): the session has checked
     * {@code :method} and {@code :protocol}; there is no key, {@code Connection} or {@code Upgrade}, and a version other
     * than 13 is a 400 naming the one supported (RFC 6455 §4.4; 426 would ask for an HTTP/1.1 upgrade).
     *
     * @param headers the request's regular fields
     * @param config  whether permessage-deflate may be agreed
     * @return the accepted handshake (without an accept value) or the rejection to send
     */
    public static HandshakeOutcome validateExtendedConnect(List<Header> headers, WebSocketConfig config) {
        List<String> versions = FieldValues.values(headers, "sec-websocket-version");
        if (versions.isEmpty()) {
            return new HandshakeRejected(400, "Missing Sec-WebSocket-Version header", VERSION_HEADERS);
        }
        if (versions.size() > 1 || !versions.get(0).equals(SUPPORTED_VERSION)) {
            return new HandshakeRejected(400, "Unsupported Sec-WebSocket-Version header", VERSION_HEADERS);
        }
        return negotiate(headers, config, null);
    }

    /** Subprotocols and extensions, the part of the handshake both HTTP versions share. */
    private static HandshakeOutcome negotiate(List<Header> headers, WebSocketConfig config,
            @Nullable String acceptValue) {
        List<String> subprotocols = FieldValues.listElements(FieldValues.values(headers, "sec-websocket-protocol"));
        for (String subprotocol : subprotocols) {
            if (!HttpSyntax.isToken(subprotocol)) {
                return badRequest("Invalid Sec-WebSocket-Protocol header");
            }
        }
        DeflateAgreement deflate = null;
        if (config.perMessageDeflate()) {
            try {
                deflate = DeflateNegotiation.select(
                        ExtensionHeaderParser.parse(FieldValues.values(headers, "sec-websocket-extensions")));
            } catch (IllegalArgumentException e) {
                return badRequest("Invalid Sec-WebSocket-Extensions header");
            }
        }
        return new HandshakeAccepted(acceptValue, subprotocols, deflate);
    }

    /**
     * The {@code Sec-WebSocket-Accept} value: base64 of the SHA-1 of the key and the RFC's GUID.
     *
     * @param key the client's {@code Sec-WebSocket-Key}
     * @return the accept value
     */
    public static String acceptValue(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + KEY_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
    }

    /** Base64 of exactly 16 bytes: 24 characters ending in "==" (§4.1). */
    private static boolean isValidKey(String key) {
        if (key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static HandshakeRejected badRequest(String reason) {
        return new HandshakeRejected(400, reason, List.of());
    }

    private static HandshakeRejected upgradeRequired(String reason) {
        return new HandshakeRejected(426, reason, VERSION_HEADERS);
    }

}
