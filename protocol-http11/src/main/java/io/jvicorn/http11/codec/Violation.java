package io.jvicorn.http11.codec;

/**
 * Each rule the request parser enforces, named: the status a violating request is answered with, the section of the
 * RFC that states the rule, and the few words sent to the client and logged. A {@link ParseError} carries one, so a
 * test (or a log reader) can tell which rule rejected a request, not only with which status; Jetty's
 * {@code HttpCompliance.Violation} plays the same part.
 *
 * <p>Several rules of one section stay apart where the words differ (a bare LF in the head or in the trailers), since
 * the words are what a client sees. The parser stops at the first byte no valid request could contain.
 */
public enum Violation {
    // Line structure (HeadScanner)
    /** A LF not preceded by CR in a request head. */
    BARE_LF_IN_HEAD(400, "RFC 9112 §2.2", "bare LF in request head"),
    /** A CR not followed by LF in a request head. */
    BARE_CR_IN_HEAD(400, "RFC 9112 §2.2", "bare CR in request head"),
    /** A control character other than HTAB, or DEL, in a request head. */
    CONTROL_CHARACTER_IN_HEAD(400, "RFC 9110 §5.5", "control character in request head"),
    /** More empty lines before the request line than the request line may be long. */
    TOO_MANY_EMPTY_LINES(400, "RFC 9112 §2.2", "too many empty lines before the request line"),
    /** A request line longer than the limit. */
    REQUEST_LINE_TOO_LONG(414, "RFC 9112 §3", "request line too long"),
    /** A request head larger than the limit. */
    HEADER_SECTION_TOO_LARGE(431, "RFC 6585 §5", "request header section too large"),
    /** More header (or trailer) fields than the limit. */
    TOO_MANY_FIELDS(431, "RFC 6585 §5", "too many header fields"),
    /** A LF not preceded by CR in a trailer section. */
    BARE_LF_IN_TRAILERS(400, "RFC 9112 §2.2", "bare LF in trailer section"),
    /** A CR not followed by LF in a trailer section. */
    BARE_CR_IN_TRAILERS(400, "RFC 9112 §2.2", "bare CR in trailer section"),
    /** A control character other than HTAB, or DEL, in a trailer section. */
    CONTROL_CHARACTER_IN_TRAILERS(400, "RFC 9110 §5.5", "control character in trailer section"),
    /** Trailers larger than what the head left of the header byte budget. */
    TRAILER_SECTION_TOO_LARGE(431, "RFC 6585 §5", "trailer section too large"),

    // Request line (RequestLineParser)
    /** A method that is not a token followed by one SP. */
    INVALID_METHOD(400, "RFC 9112 §3", "invalid method"),
    /** A byte outside VCHAR in the request target. */
    INVALID_TARGET_CHARACTER(400, "RFC 9112 §3.2", "invalid character in request target"),
    /** A {@code #fragment} in the request target. */
    FRAGMENT_IN_TARGET(400, "RFC 9112 §3.2", "fragment in request target"),
    /** Two SPs with no target between them. */
    EMPTY_TARGET(400, "RFC 9112 §3", "empty request target"),
    /** A request line that ends after the target. */
    MISSING_VERSION(400, "RFC 9112 §3", "missing HTTP version"),
    /** A version that is not {@code HTTP/DIGIT.DIGIT}. */
    INVALID_VERSION(400, "RFC 9112 §2.3", "invalid HTTP version"),
    /** A version whose major digit is not 1, or minor digit not 0 or 1: refused at that digit. */
    VERSION_NOT_SUPPORTED(505, "RFC 9110 §15.6.6", "HTTP version not supported"),
    /** The CONNECT method: jvicorn is not a tunnel. */
    CONNECT_NOT_SUPPORTED(501, "RFC 9110 §9.3.6", "CONNECT is not supported"),
    /** {@code *} as the target of a method other than OPTIONS. */
    ASTERISK_FORM_WITHOUT_OPTIONS(400, "RFC 9112 §3.2.4", "asterisk-form target is only allowed with OPTIONS"),
    /** An absolute-form target whose scheme is not http or https. */
    UNSUPPORTED_SCHEME(400, "RFC 9112 §3.2.2", "unsupported URI scheme in request target"),
    /** An absolute-form target whose authority is not {@code host[:port]}. */
    INVALID_TARGET_AUTHORITY(400, "RFC 9112 §3.2.2", "invalid authority in request target"),
    /** An authority-form target ({@code host:port}), which only CONNECT uses. */
    AUTHORITY_FORM_NOT_SUPPORTED(501, "RFC 9112 §3.2.3", "authority-form target is not supported"),
    /** A target in none of the four forms. */
    INVALID_TARGET(400, "RFC 9112 §3.2", "invalid request target"),

    // Field lines (FieldLineParser)
    /** A field line starting with whitespace: line folding. */
    OBS_FOLD(400, "RFC 9112 §5.2", "obs-fold (line folding) is not allowed"),
    /** A field line without a colon. */
    MISSING_COLON(400, "RFC 9112 §5", "header line without colon"),
    /** Whitespace between a field name and its colon. */
    WHITESPACE_BEFORE_COLON(400, "RFC 9112 §5.1", "whitespace in header name"),
    /** A field name character that is not a tchar. */
    INVALID_FIELD_NAME(400, "RFC 9110 §5.1", "invalid character in header name"),
    /** A field line starting with its colon. */
    EMPTY_FIELD_NAME(400, "RFC 9110 §5.1", "empty header name"),

    // Host and framing (RequestHeadParser)
    /** An HTTP/1.1 request without Host. */
    MISSING_HOST(400, "RFC 9112 §3.2", "missing Host header"),
    /** More than one Host field. */
    DUPLICATE_HOST(400, "RFC 9112 §3.2", "more than one Host header"),
    /** A Host value that is not {@code uri-host [":" port]}. */
    INVALID_HOST(400, "RFC 9112 §3.2", "invalid Host header"),
    /** A Host that differs from the authority of an absolute-form target. */
    HOST_MISMATCH(400, "RFC 9112 §3.2.2", "Host header does not match the request target"),
    /** More than one Content-Length field. */
    DUPLICATE_CONTENT_LENGTH(400, "RFC 9112 §6.3", "more than one Content-Length header"),
    /** An empty Content-Length value. */
    EMPTY_CONTENT_LENGTH(400, "RFC 9112 §6.3", "empty Content-Length"),
    /**
     * A Content-Length of more than {@link io.jvicorn.http.HttpSyntax#MAX_CONTENT_LENGTH_DIGITS} (18) digits, leading
     * zeros included: more than a long holds safely.
     */
    CONTENT_LENGTH_TOO_MANY_DIGITS(400, "RFC 9112 §6.3", "Content-Length of more than 18 digits"),
    /** A Content-Length that is not 1*DIGIT (a sign, a list, whitespace inside). */
    INVALID_CONTENT_LENGTH(400, "RFC 9112 §6.3", "invalid Content-Length"),
    /** Both Content-Length and Transfer-Encoding: a smuggling vector. */
    CONTENT_LENGTH_WITH_TRANSFER_ENCODING(400, "RFC 9112 §6.1", "both Content-Length and Transfer-Encoding"),
    /** Transfer-Encoding in an HTTP/1.0 request, whose framing it cannot be trusted to carry. */
    TRANSFER_ENCODING_IN_HTTP_1_0(400, "RFC 9112 §6.1", "Transfer-Encoding in an HTTP/1.0 request"),
    /** An empty element of a Transfer-Encoding list. */
    EMPTY_TRANSFER_CODING(400, "RFC 9112 §6.1", "empty transfer coding"),
    /** A transfer coding that is not a token with parameters (or chunked with any). */
    INVALID_TRANSFER_CODING(400, "RFC 9112 §6.1", "invalid transfer coding"),
    /** chunked more than once. */
    CHUNKED_TWICE(400, "RFC 9112 §6.1", "chunked transfer coding applied twice"),
    /** chunked followed by another coding: the body's end is unknown. */
    CHUNKED_NOT_LAST(400, "RFC 9112 §6.3", "chunked is not the last transfer coding"),
    /** A Transfer-Encoding whose codings do not include chunked. */
    INVALID_TRANSFER_ENCODING(400, "RFC 9112 §6.3", "invalid Transfer-Encoding"),
    /** A coding other than chunked: jvicorn decodes none. */
    UNSUPPORTED_TRANSFER_CODING(501, "RFC 9112 §6.1", "unsupported transfer coding"),
    /** A declared or chunked body larger than the limit. */
    BODY_TOO_LARGE(413, "RFC 9110 §15.5.14", "request body too large"),

    // Chunked body (ChunkLineParser, RequestParser)
    /** A chunk-size line that does not start with a hex digit, or a size followed by a stray byte. */
    INVALID_CHUNK_SIZE(400, "RFC 9112 §7.1", "invalid chunk size"),
    /**
     * A chunk size of more than {@code ChunkLineParser.MAX_DIGITS} (16) hex digits, leading zeros included, capped as
     * {@link #CONTENT_LENGTH_TOO_MANY_DIGITS} caps a Content-Length.
     */
    CHUNK_SIZE_TOO_MANY_DIGITS(400, "RFC 9112 §7.1", "chunk size of more than 16 hex digits"),
    /** A chunk size of 2^60 or more (over 15 significant hex digits). */
    CHUNK_SIZE_TOO_LARGE(400, "RFC 9112 §7.1", "chunk size too large"),
    /** Whitespace after the size not followed by an extension. */
    WHITESPACE_AFTER_CHUNK_SIZE(400, "RFC 9112 §7.1.1", "whitespace after chunk size"),
    /** A chunk extension that is not {@code ; token [= value]}. */
    INVALID_CHUNK_EXTENSION(400, "RFC 9112 §7.1.1", "invalid chunk extension"),
    /** A chunk extension value that is neither token nor quoted-string. */
    INVALID_CHUNK_EXTENSION_VALUE(400, "RFC 9112 §7.1.1", "invalid chunk extension value"),
    /** A control character in a chunk extension's quoted-string. */
    INVALID_CHUNK_EXTENSION_QUOTED(400, "RFC 9110 §5.6.4", "invalid character in chunk extension quoted string"),
    /** A control character after a backslash in a chunk extension's quoted-string. */
    INVALID_CHUNK_EXTENSION_ESCAPE(400, "RFC 9110 §5.6.4", "invalid escape in chunk extension quoted string"),
    /** Chunk extensions on one line longer than the limit. */
    CHUNK_EXTENSION_TOO_LONG(400, "RFC 9112 §7.1.1", "chunk extension too long"),
    /** A LF not preceded by CR in a chunk-size line. */
    BARE_LF_IN_CHUNK_LINE(400, "RFC 9112 §7.1", "bare LF in chunk line"),
    /** A CR not followed by LF in a chunk-size line. */
    BARE_CR_IN_CHUNK_LINE(400, "RFC 9112 §7.1", "bare CR in chunk line"),
    /** Chunk data longer than its size, or its CRLF missing. */
    CHUNK_DATA_WITHOUT_CRLF(400, "RFC 9112 §7.1", "chunk data not followed by CRLF"),

    // End of input and time
    /** The connection ended inside a request. */
    INCOMPLETE_REQUEST(400, "RFC 9112 §8", "incomplete request"),
    /** The request head did not arrive in time; the connection handler reports it, not the parser. */
    REQUEST_HEADER_TIMEOUT(408, "RFC 9110 §15.5.9", "request header timeout"),
    /** The next byte of a request body did not arrive in time; the connection handler reports it, not the parser. */
    REQUEST_BODY_TIMEOUT(408, "RFC 9110 §15.5.9", "request body timeout");

    private final int status;
    private final String section;
    private final String reason;

    Violation(int status, String section, String reason) {
        this.status = status;
        this.section = section;
        this.reason = reason;
    }

    /**
     * The status to answer with.
     *
     * @return 400, 408, 413, 414, 431, 501 or 505
     */
    public int status() {
        return status;
    }

    /**
     * Where the rule is stated.
     *
     * @return e.g. {@code "RFC 9112 §6.3"}
     */
    public String section() {
        return section;
    }

    /**
     * A few words for the response body and the debug log.
     *
     * @return e.g. {@code "invalid Content-Length"}
     */
    public String reason() {
        return reason;
    }
}
