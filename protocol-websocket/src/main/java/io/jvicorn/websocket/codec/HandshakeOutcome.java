package io.jvicorn.websocket.codec;

/** The verdict on an opening handshake request: {@link HandshakeAccepted} or {@link HandshakeRejected}. */
public sealed interface HandshakeOutcome permits HandshakeAccepted, HandshakeRejected {
}
