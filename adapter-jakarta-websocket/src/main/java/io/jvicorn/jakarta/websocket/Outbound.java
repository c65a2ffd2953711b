package io.jvicorn.jakarta.websocket;

import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketClose;
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
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        send(WebSocketSend.bytes(copy));
    }

    void close(int code, String reason) throws IOException {
        send(new WebSocketClose(code, reason));
    }

    /** jvicorn's application protocol has no ping event: the server's keepalive pings ({@code --ws-ping-interval}). */
    void ping(ByteBuffer payload) throws IOException {
        throw new IOException("jvicorn's application protocol cannot send a ping frame; the server sends keepalive "
                + "pings itself (--ws-ping-interval)");
    }

    /** jvicorn's application protocol has no pong event: the server answers every ping itself. */
    void pong(ByteBuffer payload) throws IOException {
        throw new IOException("jvicorn's application protocol cannot send an unsolicited pong frame; the server "
                + "answers pings itself");
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
