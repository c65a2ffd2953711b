package io.jvicorn.http2.frame;

import java.nio.charset.StandardCharsets;

/** The client connection preface (RFC 9113 §3.4), which a SETTINGS frame must follow. */
public final class ConnectionPreface {
    private static final byte[] BYTES = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Its length, 24. */
    public static final int LENGTH = BYTES.length;

    private ConnectionPreface() {
    }

    /**
     * One octet of the preface.
     *
     * @param index 0 to 23
     * @return the octet
     */
    public static byte at(int index) {
        return BYTES[index];
    }

    /**
     * The preface, for a client or a test.
     *
     * @return a new array
     */
    public static byte[] bytes() {
        return BYTES.clone();
    }
}
