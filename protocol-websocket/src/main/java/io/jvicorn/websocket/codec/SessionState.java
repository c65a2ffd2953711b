package io.jvicorn.websocket.codec;

/** The closing handshake of RFC 6455 §7 as seen by one {@link WebSocketSession}. */
public enum SessionState {
    /** Both directions are open. */
    OPEN,
    /** This side sent a close frame and waits for the peer's; received frames are still decoded. */
    CLOSE_SENT,
    /**
     * No more input is read, because the peer sent a close frame or broke the protocol; this side still owes a close
     * frame ({@link WebSocketSession#pendingClose()}) and may send data until then, unless the peer broke the protocol.
     */
    CLOSE_RECEIVED,
    /** Close frames went both ways (or the failure close was sent): close the TCP connection. */
    CLOSED
}
