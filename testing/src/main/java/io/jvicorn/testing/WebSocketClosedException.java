package io.jvicorn.testing;

/**
 * A receive on a {@link TestWebSocket} found the socket closed by the application: its close frame's code and reason
 * (1000 when the application returned without closing, as the server closes then; 1006 when it failed).
 */
public final class WebSocketClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;

    WebSocketClosedException(int code, String reason) {
        super("WebSocket closed by the application with code " + code + (reason.isEmpty() ? "" : ": " + reason));
        this.code = code;
        this.reason = reason;
    }

    /** @return the close code */
    public int code() {
        return code;
    }

    /** @return the close reason, possibly empty */
    public String reason() {
        return reason;
    }
}
