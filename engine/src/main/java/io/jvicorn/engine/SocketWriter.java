package io.jvicorn.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The write side of one {@link Connection}: writes bytes to the socket without blocking and, when the socket is full,
 * parks the writing virtual thread until the loop sees the socket writable again. So the loop never blocks, the
 * application feels back-pressure, and no bytes are buffered beyond the socket's own send buffer.
 *
 * <p>Threads: {@link #write} runs on the one writing thread (the application's virtual thread, never the loop);
 * {@link #tryWrite} on the loop thread, which must never park. Only one thread writes at a time. The waiter slot is
 * the one piece of state shared with the loop: the writer sets it before parking; the loop clears it and unparks the
 * writer in {@link #wakeWriter()} (on {@code OP_WRITE}, and when the connection closes). {@link TlsTransport} parks its
 * writers here too, registering them under its wrap lock so that no wake-up is lost. The connection owns this object
 * and decides, for each write, between plaintext (here) and TLS; closing and failure handling stay with it.
 */
final class SocketWriter {
    /** Bytes handed to one write call; see {@link #writeSome}. */
    private static final int MAX_BYTES_PER_WRITE = 256 * 1024;

    private final Connection connection;
    private final SocketChannel channel;
    private final SelectorLoop loop;
    /** Posted to the loop before parking; one instance, so parking allocates nothing. */
    private final Runnable armWriteInterest = this::armWriteInterest;
    private volatile @Nullable Thread writeWaiter;

    SocketWriter(Connection connection, SocketChannel channel, SelectorLoop loop) {
        this.connection = connection;
        this.channel = channel;
        this.loop = loop;
    }

    /**
     * Writes every remaining plaintext byte of {@code buffers}, parking the calling virtual thread while the socket is
     * full. Not on the loop thread.
     *
     * @param buffers the bytes, consumed in order
     * @throws ConnectionClosedException if the connection becomes closed while parked
     * @throws InterruptedIOException      if the calling thread is interrupted
     * @throws IOException                 if the socket failed
     */
    void write(ByteBuffer[] buffers) throws IOException {
        while (true) {
            boolean tookAll = writeSome(buffers);
            if (!hasRemaining(buffers)) {
                return;
            }
            if (!tookAll) {
                awaitWritable();
            }
        }
    }

    /**
     * Writes {@code head} with the file's first bytes ({@link FileLead}), then sends the rest of {@code count} bytes of
     * {@code file} with {@code FileChannel.transferTo} (Linux {@code sendfile}: from the page cache to the socket, no
     * copy through the JVM), parking while the socket is full. Not on the loop thread.
     *
     * @throws FileShrankException if the file ends before {@code count} bytes; what it had was written
     * @throws IOException         as {@link #write}
     */
    void transfer(ByteBuffer[] head, FileChannel file, long position, long count) throws IOException {
        long end = position + count;
        int leadBytes = FileLead.bytesAfter(remaining(head), count);
        ByteBuffer lead = leadBytes > 0 ? FileLead.acquire() : null;
        if (lead == null) {
            write(head);
        } else {
            try {
                int n = FileLead.read(file, lead.limit(leadBytes), position);
                write(FileLead.after(head, lead));
                position += n;
                if (n < leadBytes) {
                    throw new FileShrankException(end - position);
                }
            } finally {
                FileLead.release(lead);
            }
        }
        while (position < end) {
            long n = file.transferTo(position, end - position, channel);
            if (n > 0) {
                position += n;
            } else if (position >= file.size()) {
                throw new FileShrankException(end - position);
            } else {
                awaitWritable();
            }
        }
    }

    /**
     * Writes what the socket takes now, without waiting: for the loop thread.
     *
     * @param buffers the bytes, consumed in order
     * @return true if everything was written
     * @throws IOException if the socket failed
     */
    boolean tryWrite(ByteBuffer[] buffers) throws IOException {
        while (writeSome(buffers) && hasRemaining(buffers)) {
            // the socket took the whole window: offer the next one
        }
        return !hasRemaining(buffers);
    }

    /**
     * One write call over at most {@link #MAX_BYTES_PER_WRITE} bytes. The JDK copies every heap buffer it is given
     * into a temporary direct buffer on each call, however little the socket then takes; a bounded window keeps a
     * large body from being copied again and again.
     *
     * @return true if the socket took the whole window
     */
    private boolean writeSome(ByteBuffer[] buffers) throws IOException {
        int first = 0;
        while (first < buffers.length && !buffers[first].hasRemaining()) {
            first++;
        }
        if (first == buffers.length) {
            return true;
        }
        int end = first;
        long window = 0;
        while (end < buffers.length && window < MAX_BYTES_PER_WRITE) {
            window += buffers[end].remaining();
            end++;
        }
        ByteBuffer last = buffers[end - 1];
        int limit = last.limit();
        long excess = window - MAX_BYTES_PER_WRITE;
        if (excess > 0) {
            last.limit((int) (limit - excess));
            window = MAX_BYTES_PER_WRITE;
        }
        try {
            // One buffer (a small response, a WebSocket frame): write(2), which spares the JDK its iovec set-up.
            long written = end - first == 1 ? channel.write(last) : channel.write(buffers, first, end - first);
            return written == window;
        } finally {
            last.limit(limit);
        }
    }

    private static long remaining(ByteBuffer[] buffers) {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }

    /** @return whether any of {@code buffers} has bytes left */
    static boolean hasRemaining(ByteBuffer[] buffers) {
        for (int i = buffers.length - 1; i >= 0; i--) {
            if (buffers[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    private void awaitWritable() throws IOException {
        Thread self = Thread.currentThread();
        writeWaiter = self;
        parkWriter(self, true);
    }

    /** Registers the thread that {@link #parkWriter} will park; TLS does it under its lock so no wake-up is lost. */
    void setWriteWaiter(Thread self) {
        writeWaiter = self;
    }

    /**
     * Parks the registered writer until {@link #wakeWriter()} or close; optionally asks the loop for OP_WRITE. Writing
     * thread only.
     */
    void parkWriter(Thread self, boolean armWrite) throws IOException {
        if (armWrite) {
            loop.execute(armWriteInterest);
        }
        while (writeWaiter == self && connection.isOpen()) {
            LockSupport.park(connection);
            if (Thread.interrupted()) {
                writeWaiter = null;
                throw new InterruptedIOException("write cancelled");
            }
        }
        if (!connection.isOpen()) {
            throw new ConnectionClosedException("connection closed while writing");
        }
    }

    /** Loop thread: asks for OP_WRITE if a writer still waits (it may have been woken by a close meanwhile). */
    private void armWriteInterest() {
        if (writeWaiter != null) {
            connection.armWrite();
        }
    }

    /** Unparks the waiting writer, if any. From any thread; the loop calls it on OP_WRITE and on close. */
    void wakeWriter() {
        Thread w = writeWaiter;
        writeWaiter = null;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }
}
