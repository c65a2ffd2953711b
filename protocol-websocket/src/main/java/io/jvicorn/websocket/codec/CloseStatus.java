package io.jvicorn.websocket.codec;

import io.jvicorn.asgi.CloseCodes;
import io.jvicorn.asgi.WebSocketDisconnect;
import java.nio.charset.StandardCharsets;

/**
 * A close code with its reason, as carried by a close frame or reported to the application.
 *
 * <p>{@link #NO_STATUS_RECEIVED} (1005) stands for a close frame without a payload: it is reported when the peer sent
 * an empty close, and encoding it produces an empty close frame.
 *
 * @param code   the RFC 6455 §7.4 status code
 * @param reason the reason, possibly empty
 */
public record CloseStatus(int code, String reason) {

    /** 1000: the purpose of the connection was fulfilled. */
    public static final int NORMAL_CLOSURE = 1000;
    /** 1001: the endpoint is going away (server shutdown, page navigation). */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1005: the close frame carried no status code; never sent on the wire. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** 1006: the connection dropped without a close frame; never sent on the wire. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** 1007: a text message or close reason was not valid UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1009: a message exceeded the size limit. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1011: the server hit an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;

    /** The largest reason that fits a close frame: 125 payload bytes minus the 2-byte code. */
    public static final int MAX_REASON_BYTES = 123;

    /** An empty close frame, reported as 1005. */
    public static final CloseStatus EMPTY = new CloseStatus(NO_STATUS_RECEIVED, "");

    /**
     * Whether a close frame may carry this code on the wire (RFC 6455 §7.4): 1000-1003, 1007-1014 and 3000-4999.
     *
     * @param code the code
     * @return true if valid on the wire
     */
    public static boolean isValidOnWire(int code) {
        return CloseCodes.isSendable(code);
    }

    /**
     * This status as ASGI's {@code websocket.disconnect} message.
     *
     * @return the message
     */
    public WebSocketDisconnect toDisconnect() {
        return new WebSocketDisconnect(code, reason);
    }

    /** The close frame payload: empty for 1005, otherwise the code in network order followed by the UTF-8 reason. */
    byte[] toPayload() {
        if (code == NO_STATUS_RECEIVED) {
            if (!reason.isEmpty()) {
                throw new IllegalArgumentException("an empty close frame (1005) cannot carry a reason");
            }
            return new byte[0];
        }
        if (!isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        if (reasonBytes.length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason is longer than " + MAX_REASON_BYTES + " bytes of UTF-8");
        }
        byte[] payload = new byte[2 + reasonBytes.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reasonBytes, 0, payload, 2, reasonBytes.length);
        return payload;
    }
}
