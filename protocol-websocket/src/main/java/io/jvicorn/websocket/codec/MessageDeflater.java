package io.jvicorn.websocket.codec;

import java.util.Arrays;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/**
 * permessage-deflate compression of sent messages (RFC 7692 §7.2.1): raw DEFLATE, flushed with SYNC_FLUSH so each
 * message ends on a byte boundary, minus the trailing empty stored block {@code 00 00 FF FF}.
 *
 * <p>The {@link Deflater} is created on the first message sent, because zlib's state costs about 256 KiB with the
 * full window and memLevel that Java always uses.
 */
final class MessageDeflater implements AutoCloseable {

    private static final byte[] NO_INPUT = new byte[0];
    private static final int TAIL_LENGTH = 4;
    /** The scratch array is kept between messages up to this size. */
    private static final int KEPT_SCRATCH = 64 * 1024;

    private final int level;
    private final boolean resetAfterMessage;
    private @Nullable Deflater deflater;
    private byte[] scratch = NO_INPUT;
    private final boolean huffmanOnly;
    private boolean closed;

    /**
     * @param level             the compression level, 0-9
     * @param resetAfterMessage true when {@code server_no_context_takeover} was agreed: each message starts afresh
     * @param huffmanOnly       true when the client bounded the server's window below 15 bits
     *                          ({@link DeflateAgreement#huffmanOnly()})
     */
    MessageDeflater(int level, boolean resetAfterMessage, boolean huffmanOnly) {
        this.level = level;
        this.resetAfterMessage = resetAfterMessage;
        this.huffmanOnly = huffmanOnly;
    }

    /**
     * Compresses one whole message.
     *
     * @param bytes  the message
     * @param offset the first byte
     * @param length how many bytes
     * @return the compressed payload, a new array of exactly its size
     */
    byte[] compress(byte[] bytes, int offset, int length) {
        Deflater z = deflater();
        z.setInput(bytes, offset, length);
        // Room for the whole input when small; a quarter of it when large, where compression usually pays.
        int initial = Math.max(64, Math.min(length + 64, Math.max(KEPT_SCRATCH, length / 4)));
        byte[] out = scratch.length >= initial ? scratch : new byte[initial];
        int n = 0;
        while (true) {
            n += z.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            // SYNC_FLUSH is complete once the deflater leaves room in the output. It must also have taken all input:
            // the first call after setStrategy only applies the strategy.
            if (n < out.length && z.needsInput()) {
                break;
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        z.setInput(NO_INPUT); // do not keep the caller's array reachable
        if (resetAfterMessage) {
            z.reset();
        }
        scratch = out.length <= KEPT_SCRATCH ? out : NO_INPUT;
        if (n == 0) {
            // zlib writes nothing for an empty message right after a flush. A lone 00 is the header of an empty
            // stored block, which the receiver's restored 00 00 FF FF completes (RFC 7692 §7.2.3.6).
            return new byte[] {0};
        }
        // SYNC_FLUSH ends with the empty stored block's 00 00 FF FF, which the receiver restores.
        return Arrays.copyOf(out, n - TAIL_LENGTH);
    }

    private Deflater deflater() {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        Deflater z = deflater;
        if (z == null) {
            z = new Deflater(level, true);
            if (huffmanOnly) {
                z.setStrategy(Deflater.HUFFMAN_ONLY);
            }
            deflater = z;
        }
        return z;
    }

    /** Frees the native zlib memory; further use fails. */
    @Override
    public void close() {
        closed = true;
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }
}
