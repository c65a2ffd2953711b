package io.jvicorn.server.websocket.conformance;

import java.util.Set;

/**
 * How a case must end (Autobahn's {@code expectedClose}).
 *
 * @param clientCloses whether the client starts the closing handshake; false means the server must fail the connection
 * @param codes        the close codes the server may send; {@link #EMPTY} stands for a close frame without payload
 * @param requireClean whether both close frames must be exchanged and the server then close TCP; when false, the
 *                     server may also drop the connection without a close frame (graded NON-STRICT)
 */
record CloseRule(boolean clientCloses, Set<Integer> codes, boolean requireClean) {
    /** A close frame with no payload (reported as 1005, never sent as a code). */
    static final int EMPTY = 1005;

    /** The client closes with 1000 after the expected events; the server echoes 1000 and closes TCP. */
    static final CloseRule NORMAL = new CloseRule(true, Set.of(1000), true);

    /** Whether a close frame may carry {@code code} (RFC 6455 §7.4). */
    static boolean sendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /** The server must fail the connection with one of {@code codes}. */
    static CloseRule serverFails(Integer... codes) {
        return new CloseRule(false, Set.copyOf(java.util.List.of(codes)), false);
    }
}
