package io.jvicorn.jakarta.websocket;

import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The blocking remote. jvicorn's application protocol carries whole messages, so a message sent in parts (partial
 * sends, {@link #getSendStream}, {@link #getSendWriter}) is gathered here and goes out as one frame with its last part.
 * Any thread may send; the part being gathered is guarded by {@link #partLock}, which is never held while sending.
 */
final class BasicRemote implements RemoteEndpoint.Basic {
    private static final int MAX_CONTROL_PAYLOAD = 125;

    private final JakartaSession session;
    private final Outbound outbound;
    private final ReentrantLock partLock = new ReentrantLock();
    // Guarded by partLock: the message being gathered, at most one of the two.
    private @Nullable StringBuilder textParts;
    private @Nullable ByteArrayOutputStream binaryParts;
    private volatile boolean batching;

    BasicRemote(JakartaSession session, Outbound outbound) {
        this.session = session;
        this.outbound = outbound;
    }

    @Override
    public void sendText(String text) throws IOException {
        requireNoPart();
        session.requireOpen();
        outbound.text(text);
        session.touch();
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        requireNoPart();
        session.requireOpen();
        outbound.binary(data);
        session.touch();
    }

    @Override
    public void sendText(String part, boolean last) throws IOException {
        String whole;
        partLock.lock();
        try {
            if (binaryParts != null) {
                throw new IllegalStateException("a partial binary message is being sent; finish it first");
            }
            session.requireOpen();
            if (textParts == null) {
                if (last) {
                    whole = part;
                } else {
                    textParts = new StringBuilder(part);
                    return;
                }
            } else {
                textParts.append(part);
                if (!last) {
                    return;
                }
                whole = textParts.toString();
                textParts = null;
            }
        } finally {
            partLock.unlock();
        }
        outbound.text(whole);
        session.touch();
    }

    @Override
    public void sendBinary(ByteBuffer part, boolean last) throws IOException {
        ByteBuffer whole;
        partLock.lock();
        try {
            if (textParts != null) {
                throw new IllegalStateException("a partial text message is being sent; finish it first");
            }
            session.requireOpen();
            if (binaryParts == null) {
                if (last) {
                    whole = part;
                } else {
                    binaryParts = new ByteArrayOutputStream(Math.max(32, part.remaining() * 2));
                    append(binaryParts, part);
                    return;
                }
            } else {
                append(binaryParts, part);
                if (!last) {
                    return;
                }
                whole = ByteBuffer.wrap(binaryParts.toByteArray());
                binaryParts = null;
            }
        } finally {
            partLock.unlock();
        }
        outbound.binary(whole);
        session.touch();
    }

    private static void append(ByteArrayOutputStream out, ByteBuffer part) {
        ByteBuffer b = part.duplicate();
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.writeBytes(chunk);
    }

    private void requireNoPart() {
        partLock.lock();
        try {
            if (textParts != null || binaryParts != null) {
                throw new IllegalStateException("a partial message is being sent; finish it before a whole one");
            }
        } finally {
            partLock.unlock();
        }
    }

    /** A stream whose bytes are one binary message, sent when the stream is closed. */
    @Override
    public OutputStream getSendStream() throws IOException {
        session.requireOpen();
        return new ByteArrayOutputStream() {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    sendBinary(ByteBuffer.wrap(toByteArray()));
                }
            }
        };
    }

    /** A writer whose characters are one text message, sent when the writer is closed. */
    @Override
    public Writer getSendWriter() throws IOException {
        session.requireOpen();
        return new java.io.StringWriter() {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    sendText(toString());
                }
            }
        };
    }

    /**
     * Encodes with the session's encoders (or the built-in ones) and sends.
     *
     * @throws EncodeException when no encoder takes the object or the encoder failed
     */
    @Override
    public void sendObject(Object data) throws IOException, EncodeException {
        session.requireOpen();
        Encoders.Encoded encoded = session.encoders.encode(data);
        if (encoded.text() != null) {
            sendText(encoded.text());
        } else if (encoded.bytes() != null) {
            sendBinary(encoded.bytes());
        }
    }

    /**
     * Batching is a permission the specification gives the container, not a duty: jvicorn writes each message when it
     * is sent, so the flag is kept for {@link #getBatchingAllowed} and {@link #flushBatch} has nothing to flush.
     */
    @Override
    public void setBatchingAllowed(boolean allowed) {
        batching = allowed;
    }

    @Override
    public boolean getBatchingAllowed() {
        return batching;
    }

    @Override
    public void flushBatch() {
        // Nothing is ever held back (see setBatchingAllowed).
    }

    /** Sends a ping; the client's pong reaches the session's {@code PongMessage} handler. */
    @Override
    public void sendPing(ByteBuffer applicationData) throws IOException {
        requireControlPayload(applicationData);
        session.requireOpen();
        outbound.ping(applicationData);
    }

    @Override
    public void sendPong(ByteBuffer applicationData) throws IOException {
        requireControlPayload(applicationData);
        session.requireOpen();
        outbound.pong(applicationData);
    }

    private static void requireControlPayload(ByteBuffer data) {
        if (data.remaining() > MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("a ping or pong carries at most 125 bytes, not " + data.remaining());
        }
    }
}
