package io.jvicorn.http11.server;

import io.jvicorn.asgi.Header;
import java.io.IOException;
import java.util.List;

/**
 * The stream a WebSocket handshake arrived on when it came as an HTTP/2 extended CONNECT (RFC 8441) rather than as an
 * HTTP/1.1 {@code Upgrade}: its answer is a response head on the stream, not bytes on a connection. The
 * {@link UpgradeRequest#connection()} is then the stream itself: what is written to it goes out as the stream's DATA
 * (a denial's body, then the WebSocket frames), {@code closeGracefully} ends the stream (END_STREAM) and {@code close}
 * resets it. Implemented by the HTTP/2 module, so the WebSocket module does not depend on it.
 */
public interface UpgradeStream {

    /**
     * Sends the response head, parking the calling virtual thread until the stream has taken it. The server's default
     * fields (server, date, {@code --header}s) are added unless {@code headers} name them; names are lowercased and
     * connection-specific fields, which HTTP/2 forbids, left out.
     *
     * @param status    {@code 200} accepts the WebSocket; any other status refuses it
     * @param headers   the response fields
     * @param endStream whether the response has no body (and the stream ends with it)
     * @throws IOException if the stream was reset or the connection closed
     */
    void respond(int status, List<Header> headers, boolean endStream) throws IOException;
}
