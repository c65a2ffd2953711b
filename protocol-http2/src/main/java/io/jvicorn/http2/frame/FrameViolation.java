package io.jvicorn.http2.frame;

/**
 * Each rule the frame decoder enforces, named: the error code to send, whether it ends the connection (GOAWAY) or only
 * the stream (RST_STREAM), the section that states it, and the few words logged and sent as GOAWAY debug data. The
 * decoder stops at the first byte that breaks a connection rule; after a stream rule it skips the frame and goes on.
 */
public enum FrameViolation {
    // Connection preface (§3.4)
    /** The first 24 octets are not {@code PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n}. */
    BAD_PREFACE(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §3.4", "invalid connection preface"),
    /** The preface is not followed by a SETTINGS frame. */
    PREFACE_NOT_SETTINGS(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §3.4",
            "connection preface not followed by SETTINGS"),

    // Frame size (§4.2)
    /** A frame longer than this endpoint's SETTINGS_MAX_FRAME_SIZE. */
    FRAME_TOO_LARGE(ErrorCode.FRAME_SIZE_ERROR, true, "RFC 9113 §4.2", "frame larger than SETTINGS_MAX_FRAME_SIZE"),
    /** A PADDED frame too short for its pad length octet (and, on HEADERS, its priority fields). */
    PADDED_FRAME_TOO_SHORT(ErrorCode.FRAME_SIZE_ERROR, true, "RFC 9113 §6.1",
            "padded frame too short for its pad length"),
    /** Padding as long as the payload or longer. */
    PADDING_TOO_LONG(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §6.1", "padding longer than the frame payload"),
    /** HEADERS with PRIORITY shorter than the 5 octets of priority fields. */
    HEADERS_TOO_SHORT_FOR_PRIORITY(ErrorCode.FRAME_SIZE_ERROR, true, "RFC 9113 §6.2",
            "HEADERS too short for its priority fields"),
    /** PRIORITY not 5 octets long. */
    PRIORITY_LENGTH(ErrorCode.FRAME_SIZE_ERROR, false, "RFC 9113 §6.3", "PRIORITY frame length is not 5"),
    /** RST_STREAM not 4 octets long. */
    RST_STREAM_LENGTH(ErrorCode.FRAME_SIZE_ERROR, true, "RFC 9113 §6.4", "RST_STREAM frame length is not 4"),
    /** SETTINGS whose length is not a multiple of 6. */
    SETTINGS_LENGTH(ErrorCode.FRAME_SIZE_ERROR, true, "RFC 9113 §6.5", "SETTINGS length is not a multiple of 6"),
    /** A SETTINGS acknowledgement with a payload. */
    SETTINGS_ACK_WITH_PAYLOAD(ErrorCode.FRAME_SIZE_ERROR, true, "RFC 9113 §6.5", "SETTINGS ACK with a payload"),
    /** PING not 8 octets long. */
    PING_LENGTH(ErrorCode.FRAME_SIZE_ERROR, true, "RFC 9113 §6.7", "PING frame length is not 8"),
    /** GOAWAY shorter than its 8 fixed octets. */
    GOAWAY_TOO_SHORT(ErrorCode.FRAME_SIZE_ERROR, true, "RFC 9113 §6.8", "GOAWAY frame shorter than 8"),
    /** WINDOW_UPDATE not 4 octets long. */
    WINDOW_UPDATE_LENGTH(ErrorCode.FRAME_SIZE_ERROR, true, "RFC 9113 §6.9", "WINDOW_UPDATE frame length is not 4"),

    // Stream identifiers (§5.1.1, §6)
    /** DATA, HEADERS, PRIORITY, RST_STREAM or CONTINUATION on stream 0. */
    STREAM_FRAME_ON_STREAM_ZERO(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §6", "stream frame on stream 0"),
    /** SETTINGS, PING or GOAWAY on a stream other than 0. */
    CONNECTION_FRAME_ON_STREAM(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §6", "connection frame on a non-zero stream"),
    /** PUSH_PROMISE sent to a server, which never receives one. */
    PUSH_PROMISE_FROM_CLIENT(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §8.4", "PUSH_PROMISE received by a server"),

    // Header blocks (§4.3, §6.10)
    /** A frame other than CONTINUATION, or on another stream, while a header block is open. */
    EXPECTED_CONTINUATION(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §6.10",
            "header block interrupted before END_HEADERS"),
    /** CONTINUATION with no open header block. */
    UNEXPECTED_CONTINUATION(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §6.10",
            "CONTINUATION without an open header block"),
    /** A header block, frame headers included, larger than the limit (CONTINUATION flood, CVE-2024-27316). */
    HEADER_BLOCK_TOO_LARGE(ErrorCode.ENHANCE_YOUR_CALM, true, "RFC 9113 §10.5.1", "header block too large"),
    /** HEADERS or PRIORITY making a stream depend on itself. */
    STREAM_DEPENDS_ON_ITSELF(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §5.3.1", "stream depends on itself"),

    // Values (§6.5.2, §6.9)
    /** SETTINGS_ENABLE_PUSH other than 0 or 1. */
    ENABLE_PUSH_VALUE(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §6.5.2", "SETTINGS_ENABLE_PUSH is not 0 or 1"),
    /** SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1. */
    INITIAL_WINDOW_SIZE_VALUE(ErrorCode.FLOW_CONTROL_ERROR, true, "RFC 9113 §6.5.2",
            "SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1"),
    /** SETTINGS_MAX_FRAME_SIZE outside 16384..16777215. */
    MAX_FRAME_SIZE_VALUE(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §6.5.2",
            "SETTINGS_MAX_FRAME_SIZE outside 16384..16777215"),
    /** SETTINGS_ENABLE_CONNECT_PROTOCOL other than 0 or 1. */
    ENABLE_CONNECT_PROTOCOL_VALUE(ErrorCode.PROTOCOL_ERROR, true, "RFC 8441 §3",
            "SETTINGS_ENABLE_CONNECT_PROTOCOL is not 0 or 1"),
    /** WINDOW_UPDATE of 0 on a stream. */
    ZERO_WINDOW_INCREMENT_ON_STREAM(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §6.9",
            "WINDOW_UPDATE increment of 0 on a stream"),
    /** WINDOW_UPDATE of 0 on the connection. */
    ZERO_WINDOW_INCREMENT(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §6.9",
            "WINDOW_UPDATE increment of 0 on the connection");

    private final ErrorCode errorCode;
    private final boolean connectionError;
    private final String section;
    private final String reason;

    FrameViolation(ErrorCode errorCode, boolean connectionError, String section, String reason) {
        this.errorCode = errorCode;
        this.connectionError = connectionError;
        this.section = section;
        this.reason = reason;
    }

    /**
     * The code for the GOAWAY or RST_STREAM.
     *
     * @return the error code
     */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /**
     * Whether the connection ends (GOAWAY, RFC 9113 §5.4.1) rather than only the stream (RST_STREAM, §5.4.2).
     *
     * @return true for a connection error
     */
    public boolean connectionError() {
        return connectionError;
    }

    /**
     * The RFC section that states the rule.
     *
     * @return for example {@code "RFC 9113 §6.5"}
     */
    public String section() {
        return section;
    }

    /**
     * A few words for the log and the GOAWAY debug data.
     *
     * @return the reason, unique to this violation
     */
    public String reason() {
        return reason;
    }
}
