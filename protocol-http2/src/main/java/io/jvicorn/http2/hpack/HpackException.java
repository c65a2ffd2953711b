package io.jvicorn.http2.hpack;

/**
 * A header block that cannot be decoded: HTTP/2's COMPRESSION_ERROR, a connection error (RFC 9113 §4.3), unless
 * {@link #headerListTooLarge()} says the block decoded but exceeded the header list limit, which the caller may answer
 * at the stream level (431) because the decoder's table state stayed consistent.
 */
public final class HpackException extends Exception {
    private static final long serialVersionUID = 1L;

    private final HpackViolation violation;

    /**
     * An exception for the rule the block broke; its message is the rule's section and reason.
     *
     * @param violation the rule
     */
    public HpackException(HpackViolation violation) {
        super(violation.section() + ": " + violation.reason(), null, false, false);
        this.violation = violation;
    }

    /**
     * The rule the block broke.
     *
     * @return the violation
     */
    public HpackViolation violation() {
        return violation;
    }

    /**
     * Whether the only fault was the decoded size of the header list (the dynamic table is still in step).
     *
     * @return true for {@link HpackViolation#HEADER_LIST_TOO_LARGE}
     */
    public boolean headerListTooLarge() {
        return violation == HpackViolation.HEADER_LIST_TOO_LARGE;
    }
}
