package io.jvicorn.http2.hpack;

/**
 * A header block that cannot be decoded: HTTP/2's COMPRESSION_ERROR, a connection error (RFC 9113 §4.3), unless
 * {@link #headerListTooLarge()} says the block decoded but exceeded the header list limit, which the caller may answer
 * at the stream level (431) because the decoder's table state stayed consistent.
 */
public final class HpackException extends Exception {
    private final boolean headerListTooLarge;

    public HpackException(String message, boolean headerListTooLarge) {
        super(message, null, false, false);
        this.headerListTooLarge = headerListTooLarge;
    }

    /** Whether the only fault was the decoded size of the header list (the dynamic table is still in step). */
    public boolean headerListTooLarge() {
        return headerListTooLarge;
    }
}
