package io.jvicorn.benchmarks.peers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * What the two naive servers know of HTTP: the end of each request head ({@code \r\n\r\n}) and the path's first two
 * characters, which pick a canned response. No parsing, no headers, no bodies. One scanner per connection, kept across
 * reads because a head may arrive in pieces; used by the one thread that reads that connection.
 */
final class NaiveRequestScanner {
    private static final ByteBuffer PLAINTEXT = canned(Workloads.TEXT_PLAIN, Workloads.PLAINTEXT);
    private static final ByteBuffer JSON = canned(Workloads.APPLICATION_JSON, Workloads.JSON);
    private static final ByteBuffer BODY_10K = canned(Workloads.OCTET_STREAM, Workloads.BODY_10K);
    private static final ByteBuffer BODY_1M = canned(Workloads.OCTET_STREAM, Workloads.BODY_1M);

    private int matched; // how much of CR LF CR LF has been seen
    private int offset;  // bytes since the head started; the path begins at offset 4 ("GET /")
    private int c1;
    private int c2;

    private static ByteBuffer canned(String contentType, byte[] body) {
        byte[] head = ("HTTP/1.1 200 OK\r\nServer: naive\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocateDirect(head.length + body.length).put(head).put(body).flip();
        return b.asReadOnlyBuffer();
    }

    /** The response for a path starting with {@code c1 c2}: a fresh view of a shared read-only buffer. */
    private static ByteBuffer responseFor(int c1, int c2) {
        if (c1 == '1') {
            return (c2 == 'm' ? BODY_1M : BODY_10K).duplicate();
        }
        return (c1 == 'j' ? JSON : PLAINTEXT).duplicate();
    }

    /**
     * Scans the bytes between {@code in}'s position and limit (leaving both as they are) and adds one response per
     * request head that ends in them.
     *
     * @param in  bytes read from the connection
     * @param out where the responses go, in order
     */
    void scan(ByteBuffer in, Collection<ByteBuffer> out) {
        for (int i = in.position(), end = in.limit(); i < end; i++) {
            byte b = in.get(i);
            if (offset == 5) {
                c1 = b;
            } else if (offset == 6) {
                c2 = b;
            }
            offset++;
            if (b == (matched % 2 == 0 ? '\r' : '\n')) {
                if (++matched == 4) {
                    out.add(responseFor(c1, c2));
                    matched = 0;
                    offset = 0;
                }
            } else {
                matched = b == '\r' ? 1 : 0;
            }
        }
    }
}
