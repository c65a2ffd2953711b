package io.jvicorn.websocket.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of the message being received, in an array that grows as bytes arrive rather than when a length is
 * announced, so a client cannot reserve memory it never sends.
 *
 * <p>A single-frame message ends up in an array of exactly its size, which a binary message hands over without a copy.
 */
final class MessageBuffer {

    private static final byte[] EMPTY = new byte[0];
    private static final int SMALLEST_GROWTH = 1024;
    /** A text message's array is kept for the next message when at most this big; larger ones go back to the GC. */
    private static final int KEPT_CAPACITY = 16 * 1024;

    private byte[] data = EMPTY;
    private int length;

    byte[] array() {
        return data;
    }

    int length() {
        return length;
    }

    /**
     * Makes room for {@code length() + needed} bytes.
     *
     * @param needed  bytes about to be written
     * @param ceiling the most this message can still need in total, which caps speculative growth
     */
    void reserve(int needed, long ceiling) {
        int required = length + needed;
        if (required <= data.length) {
            return;
        }
        long doubled = Math.max((long) data.length * 2, SMALLEST_GROWTH);
        int capacity = (int) Math.max(required, Math.min(doubled, ceiling));
        data = Arrays.copyOf(data, capacity);
    }

    /** Free space after the bytes written so far. */
    int spare() {
        return data.length - length;
    }

    /**
     * Copies {@code n} bytes from {@code src}, advancing it; room must have been reserved.
     *
     * @param src the source
     * @param n   how many bytes
     */
    void append(ByteBuffer src, int n) {
        src.get(data, length, n);
        length += n;
    }

    /** Records {@code n} bytes written directly into {@link #array()} after {@link #length()}. */
    void advance(int n) {
        length += n;
    }

    /**
     * The message as an array of exactly its size; the buffer is empty afterwards.
     *
     * @return the bytes
     */
    byte[] takeBytes() {
        byte[] bytes = data.length == length ? data : Arrays.copyOf(data, length);
        data = EMPTY;
        length = 0;
        return bytes;
    }

    /**
     * The message decoded as UTF-8, which the caller has validated; the buffer is empty afterwards.
     *
     * @return the text
     */
    String takeText() {
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        if (data.length > KEPT_CAPACITY) {
            data = EMPTY;
        }
        length = 0;
        return text;
    }

    /** Drops the content and the array. */
    void release() {
        data = EMPTY;
        length = 0;
    }
}
