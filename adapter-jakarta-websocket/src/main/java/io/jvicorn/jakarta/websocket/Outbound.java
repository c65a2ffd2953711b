package io.jvicorn.jakarta.websocket;

import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketPing;
import io.jvicorn.asgi.WebSocketPong;
import io.jvicorn.asgi.WebSocketSend;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;

/**
 * A session's way to the client: jvicorn's {@code send}, which any thread may call (the server serialises frames), with
 * the specification's exceptions: an interrupted send is an {@link InterruptedIOException} and leaves the thread's
 * interrupt flag set.
 */
final class Outbound {
    private final Send send;

    Outbound(Send send) {
        this.send = send;
    }

    void text(String text) throws IOException {
        send(WebSocketSend.text(text));
    }

    void binary(ByteBuffer bytes) throws IOException {
        send(WebSocketSend.bytes(copy(bytes)));
    }

    void close(int code, String reason) throws IOException {
        send(new WebSocketClose(code, reason));
    }

    /** A ping: from now on the client's pongs arrive as {@code websocket.pong.receive} events. */
    void ping(ByteBuffer payload) throws IOException {
        send(new WebSocketPing(copy(payload)));
    }

    /** An unsolicited pong (the server answers the client's pings itself). */
    void pong(ByteBuffer payload) throws IOException {
        send(new WebSocketPong(copy(payload)));
    }

    private static byte[] copy(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return copy;
    }

    private void send(io.jvicorn.asgi.SendEvent event) throws IOException {
        try {
            send.send(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while sending " + event.type());
            io.initCause(e);
            throw io;
        }
    }
}
