package io.jvicorn.http11.server;

import io.jvicorn.engine.ConnectionHandler;
import io.jvicorn.engine.Transport;
import java.nio.ByteBuffer;

/**
 * Takes over a connection that speaks HTTP/2: on a plain listener, one whose first bytes are the HTTP/2 connection
 * preface (prior knowledge, RFC 9113 §3.3), so HTTP/1.1 and HTTP/2 share the port. Implemented by the HTTP/2 module,
 * so HTTP/1.1 does not depend on it.
 */
@FunctionalInterface
public interface Http2Handoff {

    /**
     * Makes the HTTP/2 handler of a connection (loop thread); the caller installs it and feeds it {@code received}.
     *
     * @param transport the connection
     * @return the handler, which expects the client's preface in its first input
     */
    ConnectionHandler handler(Transport transport);

    /** The prefix that tells HTTP/2 prior knowledge from an HTTP/1.1 request line: {@code "PRI * HTTP/2.0"}. */
    byte[] PREFIX = "PRI * HTTP/2.0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * How far {@code bytes} match {@link #PREFIX}.
     *
     * @param bytes the first bytes of a connection, from position to limit (not consumed)
     * @return 1 when they start with the prefix, 0 while they are a proper prefix of it, -1 when they cannot be
     */
    static int matches(ByteBuffer bytes) {
        int n = Math.min(bytes.remaining(), PREFIX.length);
        for (int i = 0; i < n; i++) {
            if (bytes.get(bytes.position() + i) != PREFIX[i]) {
                return -1;
            }
        }
        return n == PREFIX.length ? 1 : 0;
    }
}
