package io.jvicorn.websocket.codec;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * permessage-deflate decompression of received messages (RFC 7692 §7.2.2), with a cap on the inflated size so a
 * small compressed message cannot expand into gigabytes.
 *
 * <p>The {@link Inflater} is created on the first compressed message, since most connections never send one, and
 * accepts any window size up to 15 bits, so every {@code client_max_window_bits} is fine.
 */
final class MessageInflater implements AutoCloseable {

    /** The empty stored block a sender strips from each message (§7.2.1), restored before inflating its end. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    private final boolean resetAfterMessage;
    private @Nullable Inflater inflater;
    private boolean closed;

    /**
     * @param resetAfterMessage true when {@code client_no_context_takeover} was agreed: each message starts afresh
     */
    MessageInflater(boolean resetAfterMessage) {
        this.resetAfterMessage = resetAfterMessage;
    }

    /**
     * Inflates every remaining byte of {@code compressed}, appending to {@code out}.
     *
     * @param compressed compressed payload bytes; all are consumed
     * @param out        the message so far
     * @param maxSize    the largest message allowed
     * @param utf8       the validator of a text message, or null for binary
     * @throws ProtocolViolation on corrupt data (1002), an oversized message (1009) or invalid UTF-8 (1007)
     */
    void inflate(ByteBuffer compressed, MessageBuffer out, int maxSize, @Nullable Utf8Validator utf8)
            throws ProtocolViolation {
        Inflater z = inflater();
        if (z.finished()) {
            // A block with BFINAL set ended the stream earlier in this message; the rest carries nothing (§7.2.3.4).
            compressed.position(compressed.limit());
            return;
        }
        z.setInput(compressed);
        drain(z, out, maxSize, utf8);
        if (z.finished()) {
            compressed.position(compressed.limit());
        }
    }

    /**
     * Ends a message: inflates the restored tail and resets the context if it may not be kept.
     *
     * @param out     the message so far
     * @param maxSize the largest message allowed
     * @param utf8    the validator of a text message, or null for binary
     * @throws ProtocolViolation as {@link #inflate} does
     */
    void finishMessage(MessageBuffer out, int maxSize, @Nullable Utf8Validator utf8) throws ProtocolViolation {
        Inflater z = inflater();
        if (!z.finished()) {
            z.setInput(TAIL);
            drain(z, out, maxSize, utf8);
        }
        if (resetAfterMessage || z.finished()) {
            z.reset();
        }
    }

    private void drain(Inflater z, MessageBuffer out, int maxSize, @Nullable Utf8Validator utf8)
            throws ProtocolViolation {
        try {
            while (!z.finished()) {
                // One byte beyond the limit is enough to tell that the message is too big.
                out.reserve(1, (long) maxSize + 1);
                int start = out.length();
                int n = z.inflate(out.array(), start, out.spare());
                out.advance(n);
                if (out.length() > maxSize) {
                    throw new ProtocolViolation(CloseStatus.MESSAGE_TOO_BIG, "message too big");
                }
                if (utf8 != null && !utf8.feed(out.array(), start, n)) {
                    throw new ProtocolViolation(CloseStatus.INVALID_PAYLOAD, "invalid UTF-8 in text message");
                }
                if (n == 0 && !z.finished()) {
                    if (z.needsInput()) {
                        return;
                    }
                    // Input left, room to write, yet no progress: only a preset dictionary or corrupt data does this.
                    throw ProtocolViolation.protocolError("invalid compressed data");
                }
            }
        } catch (DataFormatException e) {
            throw ProtocolViolation.protocolError("invalid compressed data");
        }
    }

    private Inflater inflater() {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        Inflater z = inflater;
        if (z == null) {
            z = new Inflater(true);
            inflater = z;
        }
        return z;
    }

    /** Frees the native zlib memory; further use fails. */
    @Override
    public void close() {
        closed = true;
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
