package io.jvicorn.websocket.server;

import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketHttpResponseBody;
import io.jvicorn.asgi.WebSocketHttpResponseStart;
import io.jvicorn.http11.server.UpgradeRequest;
import io.jvicorn.http11.server.UpgradeStream;
import io.jvicorn.websocket.codec.HandshakeAccepted;
import io.jvicorn.websocket.codec.HandshakeOutcome;
import io.jvicorn.websocket.codec.HandshakeRejected;
import io.jvicorn.websocket.codec.WebSocketConfig;
import java.io.IOException;

/**
 * The HTTP side of a WebSocket handshake, which differs with the HTTP version it came on: an HTTP/1.1 upgrade is
 * answered with bytes on the connection (101, or an error response that closes it), an HTTP/2 extended CONNECT
 * (RFC 8441) with a response head on its stream (200, or an error that ends the stream). Everything after the
 * handshake (frames, messages, limits, keepalive, the close handshake) is the same on both and does not come here.
 *
 * <p>Threads: each method runs on a thread that holds the {@link FrameWriter}'s lock, or returns a {@link WireAction}
 * for such a thread to run.
 */
sealed interface HandshakeWire permits Http11Handshake, StreamHandshake {

    /**
     * The wire of a request.
     *
     * @param request the handshake request
     * @return HTTP/2's when the request came on a stream, else HTTP/1.1's
     */
    static HandshakeWire of(UpgradeRequest request) {
        UpgradeStream stream = request.stream();
        return stream == null ? new Http11Handshake(request) : new StreamHandshake(request, stream);
    }

    /**
     * Checks the request's handshake fields.
     *
     * @param config whether permessage-deflate may be agreed
     * @return the accepted handshake, or the rejection to send
     */
    HandshakeOutcome validate(WebSocketConfig config);

    /**
     * The answer to an invalid handshake (400, or 426 on HTTP/1.1), which ends the connection or stream.
     *
     * @param rejected the rejection
     * @return what writes it
     */
    WireAction rejection(HandshakeRejected rejected);

    /**
     * The answer that accepts the WebSocket (101, or 200 on HTTP/2).
     *
     * @param handshake the valid handshake
     * @param accept    the application's subprotocol and headers
     * @return what writes it
     * @throws IllegalArgumentException if the subprotocol was not offered or a header belongs to the handshake
     */
    WireAction acceptance(HandshakeAccepted handshake, WebSocketAccept accept);

    /**
     * A plain-text refusal (403 for a close before accept, 500 when the application failed or the server shuts down);
     * the caller then closes the connection (or ends the stream) gracefully.
     *
     * @param status the status
     * @param text   the body
     * @return what writes it
     */
    WireAction refusal(int status, String text);

    /**
     * The application's denial response starts ({@code websocket.http.response.start}); nothing is written yet.
     *
     * @param start the status and headers
     */
    void startDenial(WebSocketHttpResponseStart start);

    /**
     * A part of the denial's body, the head with the first; the caller closes gracefully after the last.
     *
     * @param body the part
     * @throws IOException if the connection or stream failed
     */
    void denialBody(WebSocketHttpResponseBody body) throws IOException;

    /**
     * Whether the WebSocket's end is its connection's (HTTP/1.1: the server counts the connection closed then), rather
     * than one stream's of a connection that goes on.
     *
     * @return true on HTTP/1.1
     */
    boolean ownsConnection();
}
