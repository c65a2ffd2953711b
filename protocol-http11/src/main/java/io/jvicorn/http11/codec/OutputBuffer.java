package io.jvicorn.http11.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Growable output for gathering writes: small parts are copied into one array, large arrays are referenced, not
 * copied.
 *
 * <p>{@link #buffers()} returns live views: writing them to a channel advances their positions, and a later call
 * returns the same views (plus views of bytes written since), so a partial write can simply be retried. Call
 * {@link #clear()} once everything has been written.
 *
 * <p>Not thread-safe.
 */
public final class OutputBuffer {
    /** Arrays at least this long are referenced rather than copied. */
    static final int COPY_THRESHOLD = 1024;
    private static final int INITIAL_BYTES = 512;
    private static final ByteBuffer[] NO_BUFFERS = new ByteBuffer[0];

    private byte[] small = new byte[0];
    private int smallLength;
    private int segmentStart;
    /** Reused view of the first segment of {@link #small}, to spare an allocation per response. */
    private ByteBuffer smallView = ByteBuffer.wrap(small);
    private boolean smallViewUsed;
    /** Reused view of {@link #small} for {@link #append}. */
    private ByteBuffer fillView = ByteBuffer.wrap(small);

    private ByteBuffer[] parts = new ByteBuffer[4];
    /** Each part's first position, kept because writing a view advances it. */
    private int[] partStarts = new int[4];
    private int partCount;
    private ByteBuffer @org.jspecify.annotations.Nullable [] view;
    private int size;

    /** An empty buffer; its array is allocated on the first write. */
    public OutputBuffer() {
    }

    /**
     * Queues all of {@code b}.
     *
     * @param b the bytes (referenced, not copied, when at least 1024 long: do not change them afterwards)
     */
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    /**
     * Queues {@code b[off, off + len)}: copied when {@code len < 1024}, else referenced (the caller must not change
     * the array afterwards).
     *
     * @param b   the source array
     * @param off the first byte
     * @param len the number of bytes
     */
    public void write(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return;
        }
        if (len < COPY_THRESHOLD) {
            ensure(len);
            System.arraycopy(b, off, small, smallLength, len);
            smallLength += len;
        } else {
            closeSegment();
            addPart(ByteBuffer.wrap(b, off, len));
        }
        size += len;
        view = null;
    }

    /**
     * Queues a string as ISO-8859-1, one byte per char (chars above U+00FF are not expected and are truncated).
     *
     * @param s the text
     */
    public void writeAscii(String s) {
        int len = s.length();
        ensure(len);
        byte[] a = small;
        int p = smallLength;
        for (int i = 0; i < len; i++) {
            a[p++] = (byte) s.charAt(i);
        }
        smallLength = p;
        size += len;
        view = null;
    }

    /**
     * Queues {@code len} bytes that the caller fills, before the buffers are next written, through the returned view
     * of them: for bytes that come from elsewhere (a file) without a copy of their own. The view is valid until the
     * next call of a method of this buffer.
     *
     * @param len the number of bytes
     * @return a view whose {@code remaining()} bytes, from its position, are the queued ones
     */
    public ByteBuffer append(int len) {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        ensure(len);
        ByteBuffer space = fillView;
        space.limit(smallLength + len).position(smallLength);
        smallLength += len;
        size += len;
        view = null;
        return space;
    }

    /**
     * Forgets the last bytes queued, down to {@code newSize}: for the part of an {@link #append} the caller could not
     * fill. Only bytes copied since the buffers were last taken with {@link #buffers()} can be forgotten.
     *
     * @param newSize the size to go back to
     * @throws IllegalArgumentException if {@code newSize} is negative or above {@link #size()}
     * @throws IllegalStateException    if some of those bytes were already handed out by {@link #buffers()}, or
     *                                  were referenced rather than copied
     */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
        }
        int drop = size - newSize;
        if (drop > smallLength - segmentStart) {
            throw new IllegalStateException("only the bytes copied since buffers() was called can be truncated");
        }
        smallLength -= drop;
        size = newSize;
        view = null;
    }

    /** Queues {@code name ": " value CRLF}. */
    void writeField(String name, String value) {
        int n = name.length();
        int v = value.length();
        ensure(n + v + 4);
        byte[] a = small;
        int p = smallLength;
        for (int i = 0; i < n; i++) {
            a[p++] = (byte) name.charAt(i);
        }
        a[p++] = ':';
        a[p++] = ' ';
        for (int i = 0; i < v; i++) {
            a[p++] = (byte) value.charAt(i);
        }
        a[p++] = '\r';
        a[p++] = '\n';
        size += p - smallLength;
        smallLength = p;
        view = null;
    }

    /** Queues the decimal digits of a non-negative number. */
    void writeDecimal(long n) {
        int digits = 1;
        for (long t = n; t >= 10; t /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = smallLength + digits - 1; i >= smallLength; i--) {
            small[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        smallLength += digits;
        size += digits;
        view = null;
    }

    /** Queues the lowercase hex digits of a positive number (chunk sizes). */
    void writeHex(long n) {
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(n)) / 4);
        ensure(digits);
        for (int i = smallLength + digits - 1; i >= smallLength; i--) {
            small[i] = (byte) Character.forDigit((int) (n & 0xF), 16);
            n >>>= 4;
        }
        smallLength += digits;
        size += digits;
        view = null;
    }

    /**
     * The total number of bytes queued since the last {@link #clear()}, written or not.
     *
     * @return the byte count
     */
    public int size() {
        return size;
    }

    /**
     * Whether nothing is queued.
     *
     * @return true when {@link #size()} is 0
     */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Whether bytes remain that the views from {@link #buffers()} have not yet been drained of.
     *
     * @return true while some view has remaining bytes or bytes were queued since the last call
     */
    public boolean hasRemaining() {
        if (smallLength > segmentStart) {
            return true;
        }
        for (int i = 0; i < partCount; i++) {
            if (parts[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The queued bytes in order, for {@link java.nio.channels.GatheringByteChannel#write(ByteBuffer[])}.
     *
     * @return live views (see the class description); do not modify the array
     */
    public ByteBuffer[] buffers() {
        ByteBuffer[] v = view;
        if (v != null) {
            return v;
        }
        closeSegment();
        v = partCount == 0 ? NO_BUFFERS : Arrays.copyOf(parts, partCount);
        view = v;
        return v;
    }

    /**
     * A copy of all queued bytes, regardless of what has been written from the views.
     *
     * @return a new array of {@link #size()} bytes
     */
    public byte[] toByteArray() {
        closeSegment();
        byte[] out = new byte[size];
        int p = 0;
        for (int i = 0; i < partCount; i++) {
            ByteBuffer b = parts[i];
            int len = b.limit() - partStarts[i];
            System.arraycopy(b.array(), b.arrayOffset() + partStarts[i], out, p, len);
            p += len;
        }
        return out;
    }

    /**
     * The bytes kept for reuse by the copy area, so a pool can refuse buffers that grew large.
     *
     * @return the capacity of the internal array
     */
    public int retainedBytes() {
        return small.length;
    }

    /** Forgets everything queued, keeping the small array for reuse. */
    public void clear() {
        for (int i = 0; i < partCount; i++) {
            parts[i] = null;
        }
        partCount = 0;
        smallLength = 0;
        segmentStart = 0;
        smallViewUsed = false;
        size = 0;
        view = null;
    }

    private void ensure(int more) {
        int needed = smallLength + more;
        if (needed > small.length) {
            // Closed segments keep viewing the old array, whose bytes no longer change.
            small = Arrays.copyOf(small, Math.max(needed, Math.max(INITIAL_BYTES, small.length * 2)));
            smallView = ByteBuffer.wrap(small);
            smallViewUsed = false;
            fillView = ByteBuffer.wrap(small);
        }
    }

    private void closeSegment() {
        if (smallLength == segmentStart) {
            return;
        }
        ByteBuffer part;
        if (!smallViewUsed && segmentStart == 0) {
            part = smallView;
            part.limit(smallLength).position(0);
            smallViewUsed = true;
        } else {
            part = ByteBuffer.wrap(small, segmentStart, smallLength - segmentStart);
        }
        addPart(part);
        segmentStart = smallLength;
        view = null;
    }

    private void addPart(ByteBuffer part) {
        if (partCount == parts.length) {
            parts = Arrays.copyOf(parts, partCount * 2);
            partStarts = Arrays.copyOf(partStarts, partCount * 2);
        }
        partStarts[partCount] = part.position();
        parts[partCount++] = part;
    }
}
