package io.jvicorn.websocket.codec;

/**
 * The peer broke the protocol: the connection must fail with {@link #code()} and the message as reason.
 *
 * <p>Thrown only inside this package and turned into a {@link WebSocketEvent.ProtocolFailure}; it carries no stack
 * trace because it is an expected outcome of bad input, not a bug.
 */
final class ProtocolViolation extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;

    ProtocolViolation(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
        this.reason = reason;
    }

    int code() {
        return code;
    }

    String reason() {
        return reason;
    }

    static ProtocolViolation protocolError(String reason) {
        return new ProtocolViolation(CloseStatus.PROTOCOL_ERROR, reason);
    }
}
