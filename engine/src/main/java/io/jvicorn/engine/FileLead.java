package io.jvicorn.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The first bytes of a file body, which go out in one write with the head before them.
 *
 * <p>Why: a receiving Linux kernel takes a round-trip sample from an echoed TCP timestamp only on a full-sized segment,
 * and only once per echoed value. A head sent alone is a short segment that uses up the echo of the request, so the
 * client's receive-buffer autotuning falls back on a window-based estimate, which on loopback is microseconds: its
 * window then stays small and it acknowledges nearly every segment (measured with wrk on a 1 MiB file: 19 segments
 * sent per response against 2.5, and 0.6 times nginx's req/s). nginx avoids it with {@code TCP_CORK}, which Java
 * cannot set; 64 KiB of head and file make a full-sized segment even at loopback's MSS of 65,483.
 *
 * <p>The bytes are read into pooled direct buffers, so the JDK copies them no further and a response allocates
 * nothing. At most {@link #POOLED} exist, created as needed; when all are in use (their writers wait for slow
 * clients) a head goes out alone, as before.
 */
final class FileLead {
    /** Head and file bytes of the first write. */
    static final int BYTES = 64 * 1024;
    static final int POOLED = 16;

    private static final ArrayBlockingQueue<ByteBuffer> FREE = new ArrayBlockingQueue<>(POOLED);
    private static final AtomicInteger CREATED = new AtomicInteger();

    private FileLead() {
    }

    /**
     * @param headBytes the bytes of the head (and anything written before it)
     * @param count     the file bytes to send
     * @return how many of the file's first bytes go out with the head: 0 when the head alone fills the first write
     */
    static int bytesAfter(long headBytes, long count) {
        return (int) Math.max(0, Math.min(count, BYTES - headBytes));
    }

    /** @return a cleared buffer of {@link #BYTES}, or null when all {@link #POOLED} are in use */
    static @Nullable ByteBuffer acquire() {
        ByteBuffer b = FREE.poll();
        if (b != null) {
            return b;
        }
        if (CREATED.incrementAndGet() > POOLED) {
            CREATED.decrementAndGet();
            return null;
        }
        return ByteBuffer.allocateDirect(BYTES);
    }

    /** Returns a buffer from {@link #acquire}; it always fits, since no more than {@link #POOLED} exist. */
    static void release(ByteBuffer buffer) {
        FREE.offer(buffer.clear());
    }

    /**
     * Reads from {@code position} until {@code buffer} is full or the file ends, then flips it.
     *
     * @return the number of bytes read: fewer than the buffer had room for if the file ended
     */
    static int read(FileChannel file, ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining() && file.read(buffer, position + buffer.position() - start) >= 0) {
            // a regular file reads fully; this loop is for the rest
        }
        int read = buffer.position() - start;
        buffer.flip();
        return read;
    }

    /** @return {@code head} followed by {@code lead}, for one gathering write */
    static ByteBuffer[] after(ByteBuffer[] head, ByteBuffer lead) {
        ByteBuffer[] parts = Arrays.copyOf(head, head.length + 1);
        parts[head.length] = lead;
        return parts;
    }
}
