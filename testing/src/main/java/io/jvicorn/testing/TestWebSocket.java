package io.jvicorn.testing;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketSend;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The client's end of a WebSocket the application accepted. Send text or bytes, receive what the application sends
 * ({@link WebSocketClosedException} once it closed), close with a code. Closing (try-with-resources) sends a normal
 * close unless one side already closed, waits for the application to return and, with {@code raiseServerExceptions},
 * rethrows its failure.
 *
 * <p>Used by one test thread.
 */
public final class TestWebSocket implements AutoCloseable {
    private final WebSocketCall call;
    private final Duration timeout;
    private final boolean raise;
    private final WebSocketCall.Accepted accepted;
    private WebSocketCall.@Nullable Closed closedByApp;
    private boolean closedByClient;
    private boolean finished;

    private TestWebSocket(WebSocketCall call, Duration timeout, boolean raise, WebSocketCall.Accepted accepted) {
        this.call = call;
        this.timeout = timeout;
        this.raise = raise;
        this.accepted = accepted;
    }

    /** Starts the application and waits for its handshake answer. */
    static TestWebSocket open(WebSocketCall call, Duration timeout, boolean raise) throws InterruptedException {
        call.start();
        Object first = call.next(timeout);
        switch (first) {
            case WebSocketCall.Accepted a -> {
                return new TestWebSocket(call, timeout, raise, a);
            }
            case WebSocketCall.Denied d -> {
                Object end = call.next(timeout);
                Throwable failure = end instanceof WebSocketCall.Finished f ? f.failure() : null;
                if (raise && failure != null) {
                    throw new ApplicationFailedException("the WebSocket application failed", failure);
                }
                if (raise && d.byServer()) {
                    throw new ApplicationFailedException("ASGI callable returned without sending handshake.");
                }
                throw new WebSocketDeniedException(d.status(), d.headers(), d.body());
            }
            case WebSocketCall.Finished f -> {
                Throwable failure = f.failure();
                throw failure != null ? new ApplicationFailedException("the WebSocket application failed", failure)
                        : new ApplicationFailedException("ASGI callable returned without completing response.");
            }
            default -> throw new AssertionError("unexpected first outcome " + first);
        }
    }

    /** @return the subprotocol the application chose, or null */
    public @Nullable String subprotocol() {
        return accepted.subprotocol();
    }

    /** @return the extra headers of the application's {@code websocket.accept} */
    public List<Header> acceptHeaders() {
        return accepted.headers();
    }

    /**
     * Sends a text message (the application receives {@code websocket.receive} with {@code text}).
     *
     * @param text the message
     */
    public void sendText(String text) throws InterruptedException {
        requireOpen();
        call.deliver(new WebSocketReceive(null, text));
    }

    /**
     * Sends a binary message.
     *
     * @param bytes the message (copied)
     */
    public void sendBytes(byte[] bytes) throws InterruptedException {
        requireOpen();
        call.deliver(new WebSocketReceive(bytes.clone(), null));
    }

    /**
     * The next message from the application.
     *
     * @return the message, with exactly one of text and bytes
     * @throws WebSocketClosedException when the application closed the socket (or returned, or failed)
     */
    public WebSocketSend receive() throws InterruptedException {
        WebSocketCall.Closed closed = closedByApp;
        if (closed != null) {
            throw new WebSocketClosedException(closed.code(), closed.reason());
        }
        if (closedByClient) {
            throw new IllegalStateException("the client closed this WebSocket");
        }
        Object o = call.next(timeout);
        switch (o) {
            case WebSocketSend message -> {
                return message;
            }
            case WebSocketCall.Closed c -> {
                closedByApp = c;
                throw new WebSocketClosedException(c.code(), c.reason());
            }
            default -> throw new AssertionError("unexpected outcome on an open WebSocket: " + o);
        }
    }

    /**
     * The next message, which must be text.
     *
     * @return the text
     * @throws IllegalStateException when the application sent bytes
     */
    public String receiveText() throws InterruptedException {
        WebSocketSend m = receive();
        String text = m.text();
        if (text == null) {
            throw new IllegalStateException("expected a text message, got " + m.bytes().length + " bytes");
        }
        return text;
    }

    /**
     * The next message, which must be binary.
     *
     * @return the bytes
     * @throws IllegalStateException when the application sent text
     */
    public byte[] receiveBytes() throws InterruptedException {
        WebSocketSend m = receive();
        byte[] bytes = m.bytes();
        if (bytes == null) {
            throw new IllegalStateException("expected a binary message, got text '" + m.text() + "'");
        }
        return bytes;
    }

    /**
     * Waits for the application to close the socket.
     *
     * @return the close code and reason
     * @throws IllegalStateException when a message comes first
     */
    public WebSocketClosedException receiveClose() throws InterruptedException {
        try {
            WebSocketSend m = receive();
            String text = m.text();
            throw new IllegalStateException("expected the socket to close, got a message: "
                    + (text != null ? "'" + text + "'" : m.bytes().length + " bytes"));
        } catch (WebSocketClosedException closed) {
            return closed;
        }
    }

    /**
     * Closes from the client's side: the application receives {@code websocket.disconnect} with this code.
     *
     * @param code   the close code
     * @param reason the reason
     */
    public void close(int code, String reason) throws InterruptedException {
        if (closedByClient || closedByApp != null) {
            finish();
            return;
        }
        closedByClient = true;
        call.clientClose(code, reason);
        finish();
    }

    /** Closes with 1000 unless closed already; waits for the application to return. */
    @Override
    public void close() {
        try {
            close(1000, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the application to return", e);
        }
    }

    /** Takes what the application still sends until it returns; rethrows its failure with raiseServerExceptions. */
    private void finish() throws InterruptedException {
        if (finished) {
            return;
        }
        finished = true;
        Object o;
        do {
            o = call.next(timeout);
        } while (!(o instanceof WebSocketCall.Finished));
        Throwable failure = ((WebSocketCall.Finished) o).failure();
        if (failure != null && raise) {
            throw new ApplicationFailedException("the WebSocket application failed", failure);
        }
    }

    private void requireOpen() {
        if (closedByClient || closedByApp != null) {
            throw new IllegalStateException("the WebSocket is closed");
        }
    }
}
