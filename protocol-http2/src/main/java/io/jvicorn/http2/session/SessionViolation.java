package io.jvicorn.http2.session;

import io.jvicorn.http2.frame.ErrorCode;

/**
 * Each rule the connection enforces above the frame codec, named as {@link io.jvicorn.http2.frame.FrameViolation} names
 * the codec's: the error code, whether it ends the connection (GOAWAY) or only the stream (RST_STREAM), the section that
 * states it, and the few words logged and sent as GOAWAY debug data.
 */
public enum SessionViolation {
    // Stream identifiers and states (§5.1, §5.1.1)
    /** HEADERS opening an even-numbered stream, which only a server may initiate. */
    EVEN_STREAM_ID(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §5.1.1", "client opened an even-numbered stream"),
    /** HEADERS opening a stream whose identifier is not above every identifier used before. */
    STREAM_ID_NOT_INCREASING(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §5.1.1",
            "stream identifier not greater than the last one"),
    /** DATA on a stream that was never opened. */
    DATA_ON_IDLE_STREAM(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §5.1", "DATA on an idle stream"),
    /** RST_STREAM on a stream that was never opened. */
    RST_STREAM_ON_IDLE_STREAM(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §5.1", "RST_STREAM on an idle stream"),
    /** WINDOW_UPDATE on a stream that was never opened. */
    WINDOW_UPDATE_ON_IDLE_STREAM(ErrorCode.PROTOCOL_ERROR, true, "RFC 9113 §5.1", "WINDOW_UPDATE on an idle stream"),
    /** DATA or HEADERS after the client ended its side of the stream. */
    FRAME_AFTER_END_STREAM(ErrorCode.STREAM_CLOSED, false, "RFC 9113 §5.1",
            "DATA or HEADERS on a half-closed (remote) stream"),
    /** DATA on a closed stream. */
    DATA_ON_CLOSED_STREAM(ErrorCode.STREAM_CLOSED, false, "RFC 9113 §5.1", "DATA on a closed stream"),
    /** HEADERS on a closed stream. */
    HEADERS_ON_CLOSED_STREAM(ErrorCode.STREAM_CLOSED, true, "RFC 9113 §5.1", "HEADERS on a closed stream"),
    /** A stream beyond this endpoint's SETTINGS_MAX_CONCURRENT_STREAMS. */
    TOO_MANY_STREAMS(ErrorCode.REFUSED_STREAM, false, "RFC 9113 §5.1.2",
            "stream beyond SETTINGS_MAX_CONCURRENT_STREAMS"),
    /** A second HEADERS (trailers) without END_STREAM. */
    TRAILERS_WITHOUT_END_STREAM(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.1", "trailers without END_STREAM"),

    // Flow control (§6.9)
    /** DATA larger than the connection's receive window. */
    CONNECTION_WINDOW_EXCEEDED(ErrorCode.FLOW_CONTROL_ERROR, true, "RFC 9113 §6.9.1",
            "DATA beyond the connection flow-control window"),
    /** DATA larger than the stream's receive window. */
    STREAM_WINDOW_EXCEEDED(ErrorCode.FLOW_CONTROL_ERROR, false, "RFC 9113 §6.9.1",
            "DATA beyond the stream flow-control window"),
    /** WINDOW_UPDATE raising the connection's send window above 2^31-1. */
    CONNECTION_WINDOW_OVERFLOW(ErrorCode.FLOW_CONTROL_ERROR, true, "RFC 9113 §6.9.1",
            "connection flow-control window above 2^31-1"),
    /** WINDOW_UPDATE raising a stream's send window above 2^31-1. */
    STREAM_WINDOW_OVERFLOW(ErrorCode.FLOW_CONTROL_ERROR, false, "RFC 9113 §6.9.1",
            "stream flow-control window above 2^31-1"),
    /** SETTINGS_INITIAL_WINDOW_SIZE raising an open stream's send window above 2^31-1. */
    INITIAL_WINDOW_OVERFLOW(ErrorCode.FLOW_CONTROL_ERROR, true, "RFC 9113 §6.9.2",
            "SETTINGS_INITIAL_WINDOW_SIZE makes a stream window exceed 2^31-1"),

    // Request header blocks (§8.2, §8.3)
    /** A field name with an uppercase letter. */
    UPPERCASE_FIELD_NAME(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.2.1", "field name with uppercase characters"),
    /** A field name with a character outside token characters (or empty). */
    INVALID_FIELD_NAME(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.2.1", "field name is not a token"),
    /** A field value with NUL, CR, LF or another control character, or leading or trailing whitespace. */
    INVALID_FIELD_VALUE(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.2.1", "field value with a forbidden character"),
    /** A pseudo-header field that requests do not define (including {@code :status}). */
    UNKNOWN_PSEUDO_HEADER(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.3", "unknown or response pseudo-header field"),
    /** A pseudo-header field after a regular field. */
    PSEUDO_HEADER_AFTER_REGULAR(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.3",
            "pseudo-header field after a regular field"),
    /** A pseudo-header field twice. */
    DUPLICATE_PSEUDO_HEADER(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.3.1", "pseudo-header field repeated"),
    /**
     * A request without {@code :method}, {@code :scheme} or {@code :path} (CONNECT: without {@code :authority}; extended
     * CONNECT, RFC 8441 §4: without any of them).
     */
    MISSING_PSEUDO_HEADER(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.3.1", "required pseudo-header field missing"),
    /** CONNECT with {@code :scheme} or {@code :path}. */
    CONNECT_WITH_SCHEME_OR_PATH(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.5",
            "CONNECT request with :scheme or :path"),
    /** {@code :protocol} from a client this server did not send SETTINGS_ENABLE_CONNECT_PROTOCOL. */
    PROTOCOL_NOT_ENABLED(ErrorCode.PROTOCOL_ERROR, false, "RFC 8441 §4",
            ":protocol without SETTINGS_ENABLE_CONNECT_PROTOCOL"),
    /** {@code :protocol} on a request whose method is not CONNECT. */
    PROTOCOL_WITHOUT_CONNECT(ErrorCode.PROTOCOL_ERROR, false, "RFC 8441 §4", ":protocol on a method other than CONNECT"),
    /** An empty {@code :path}. */
    EMPTY_PATH(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.3.1", "empty :path"),
    /** A pseudo-header field in trailers. */
    PSEUDO_HEADER_IN_TRAILERS(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.1", "pseudo-header field in trailers"),
    /** Connection, Keep-Alive, Proxy-Connection, Transfer-Encoding or Upgrade. */
    CONNECTION_SPECIFIC_FIELD(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.2.2", "connection-specific header field"),
    /** TE with a value other than {@code trailers}. */
    TE_NOT_TRAILERS(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.2.2", "TE header field other than \"trailers\""),
    /** A Host field naming another authority than {@code :authority}. */
    HOST_NOT_AUTHORITY(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.3.1", "host differs from :authority"),
    /** A Content-Length that is not a number, or two that differ. */
    INVALID_CONTENT_LENGTH(ErrorCode.PROTOCOL_ERROR, false, "RFC 9110 §8.6", "invalid content-length"),
    /** DATA adding up to more or less than the request's Content-Length. */
    CONTENT_LENGTH_MISMATCH(ErrorCode.PROTOCOL_ERROR, false, "RFC 9113 §8.1.1",
            "DATA length differs from content-length"),
    /** A header block HPACK cannot decode. */
    COMPRESSION(ErrorCode.COMPRESSION_ERROR, true, "RFC 9113 §4.3", "header block cannot be decoded"),

    // Abuse (§10.5)
    /** Too many streams reset by the client (rapid reset, CVE-2023-44487). */
    RAPID_RESET(ErrorCode.ENHANCE_YOUR_CALM, true, "RFC 9113 §10.5", "too many streams reset by the client"),
    /** Too many SETTINGS, PING or PRIORITY frames in one period. */
    CONTROL_FRAME_FLOOD(ErrorCode.ENHANCE_YOUR_CALM, true, "RFC 9113 §10.5",
            "too many SETTINGS, PING or PRIORITY frames"),
    /** Too many empty DATA frames without END_STREAM in one period. */
    EMPTY_DATA_FLOOD(ErrorCode.ENHANCE_YOUR_CALM, true, "RFC 9113 §10.5", "too many empty DATA frames"),
    /** Output piling up that the client does not read (acknowledgements of a flood). */
    OUTPUT_NOT_READ(ErrorCode.ENHANCE_YOUR_CALM, true, "RFC 9113 §10.5", "client does not read what it asks for");

    private final ErrorCode errorCode;
    private final boolean connectionError;
    private final String section;
    private final String reason;

    SessionViolation(ErrorCode errorCode, boolean connectionError, String section, String reason) {
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
     * Whether the connection ends (GOAWAY) rather than only the stream (RST_STREAM).
     *
     * @return true for a connection error
     */
    public boolean connectionError() {
        return connectionError;
    }

    /**
     * The RFC section that states the rule.
     *
     * @return for example {@code "RFC 9113 §5.1"}
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
