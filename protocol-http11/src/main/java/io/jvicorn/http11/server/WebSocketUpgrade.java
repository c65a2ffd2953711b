package io.jvicorn.http11.server;

/**
 * Takes over a connection whose request asked for {@code Upgrade: websocket}. Implemented by the WebSocket protocol
 * module, so HTTP/1.1 does not depend on it.
 */
@FunctionalInterface
public interface WebSocketUpgrade {

    /**
     * Runs the WebSocket session on the request's virtual thread. When called, the HTTP handler has stopped reading
     * the socket; the implementation installs its own handler (with {@link io.jvicorn.engine.Transport#replaceHandler})
     * or answers with an HTTP error and closes. It returns when the session is over.
     *
     * @param request the handshake request and the connection
     * @throws Exception any failure; the connection is closed
     */
    void run(UpgradeRequest request) throws Exception;
}
