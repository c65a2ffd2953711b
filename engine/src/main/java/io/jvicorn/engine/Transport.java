package io.jvicorn.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * What a protocol handler may do with its connection: the one boundary between protocol code and I/O. A
 * {@link Connection} implements it over a socket on a {@link SelectorLoop}; {@link EmbeddedTransport} implements it in
 * memory with a clock that tests move by hand, so connection logic is tested byte-exact without sockets or real time.
 *
 * <p>Threads: the transport has one loop thread, on which every {@link ConnectionHandler} method runs. Methods marked
 * "loop thread only" must be called there; {@link #write} must not be (it parks); the others work from any thread.
 */
public interface Transport {

    /** @return the peer's address, or null if unknown (for example an unnamed unix socket client) */
    @Nullable SocketAddress remoteAddress();

    /** @return the local address, or null if unknown */
    @Nullable SocketAddress localAddress();

    /** @return whether the connection came in on a TLS listener */
    boolean isTls();

    /** @return the TLS session once its handshake is complete; null for plaintext */
    @Nullable SSLSession tlsSession();

    /**
     * Whether a trusted proxy in front of this connection terminated TLS for its client, as its PROXY protocol v2
     * header said (PP2_TYPE_SSL with PP2_CLIENT_SSL): the client's requests were sent over TLS, so their scheme is
     * {@code https}.
     *
     * @return true only when a connection preface said so
     */
    default boolean tlsAtProxy() {
        return false;
    }

    /**
     * The application protocol the TLS handshake's ALPN chose (RFC 7301), such as {@code h2} or {@code http/1.1}.
     *
     * @return the protocol id; "" when the client offered none the server serves; null for plaintext and before the
     *         handshake completed
     */
    default @Nullable String applicationProtocol() {
        return null;
    }

    /** @return whether the connection is still open */
    boolean isOpen();

    /**
     * The transport's clock, {@link System#nanoTime()} in production: handlers take deadlines from it.
     *
     * @return the current time in nanoseconds, only meaningful as a difference
     */
    long nanoTime();

    /**
     * Replaces the handler, for a protocol upgrade. Loop thread only.
     *
     * @param next the handler that owns the connection from now on
     */
    void replaceHandler(ConnectionHandler next);

    /** Stops delivering input (back-pressure); bytes and end of input wait in the socket. Loop thread only. */
    void suspendReads();

    /** Delivers input again. Loop thread only. */
    void resumeReads();

    /**
     * Runs a task on the loop thread soon, after what it is doing now.
     *
     * @param task the task
     */
    void execute(Runnable task);

    /**
     * The virtual threads that do this connection's work (run its application, drain its writes): carried by the
     * connection's loop thread where the engine does that ({@link LoopCarriers}: while the loop wakes them), else by
     * the JDK's scheduler. They inherit no inheritable thread-locals. An embedding framework may have given the engine
     * its own factory instead.
     *
     * @return a factory of unnamed, unstarted virtual threads; callers name them
     */
    ThreadFactory virtualThreads();

    /**
     * Starts a named virtual thread from {@link #virtualThreads()}.
     *
     * @param name the thread's name
     * @param task what it runs
     */
    default void startVirtualThread(String name, Runnable task) {
        Thread thread = virtualThreads().newThread(task);
        thread.setName(name);
        thread.start();
    }

    /**
     * Writes every remaining byte of {@code buffers}, parking the calling virtual thread while the peer does not take
     * them. One writer at a time; never on the loop thread.
     *
     * @param buffers the bytes, consumed in order
     * @throws ConnectionClosedException if the connection is or becomes closed
     * @throws InterruptedIOException    if the calling thread is interrupted
     * @throws IOException               if the connection failed
     */
    void write(ByteBuffer[] buffers) throws IOException;

    /**
     * Writes one buffer; see {@link #write(ByteBuffer[])}.
     *
     * @param buffer the bytes
     * @throws IOException as {@link #write(ByteBuffer[])}
     */
    default void write(ByteBuffer buffer) throws IOException {
        write(new ByteBuffer[] {buffer});
    }

    /**
     * Writes {@code head}, then {@code count} bytes of {@code file} from {@code position}, as {@link #write} writes
     * buffers: parking the calling virtual thread while the peer does not take them. This default reads the file
     * through a buffer, its first bytes written together with the head; a plain TCP connection sends most of them from
     * the page cache without copying them through the JVM ({@code sendfile}).
     *
     * @param head     bytes that go first (a response's head), consumed in order; may have nothing remaining
     * @param file     the file, read from {@code position} (its own position is not used)
     * @param position where the bytes start
     * @param count    how many bytes; the file must have them
     * @throws ConnectionClosedException if the connection is or becomes closed
     * @throws FileShrankException       if the file ends early: the head and what the file had were written
     * @throws IOException               if the file cannot be read, or as {@link #write}
     */
    default void transferFrom(ByteBuffer[] head, FileChannel file, long position, long count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, FileLead.BYTES));
        ByteBuffer[] parts = FileLead.after(head, buffer);
        ByteBuffer[] alone = {buffer};
        long end = position + count;
        do {
            int wanted = (int) Math.min(buffer.capacity(), end - position);
            buffer.clear().limit(wanted);
            int n = FileLead.read(file, buffer, position);
            position += n;
            write(parts);
            if (n < wanted) {
                throw new FileShrankException(end - position);
            }
            parts = alone;
        } while (position < end);
    }

    /**
     * Writes what the peer takes now, without waiting: for the loop thread, which must never park.
     *
     * @param buffers the bytes, consumed in order
     * @return true if everything was written; otherwise {@link #write} must finish (on TLS even if {@code buffers}
     *         have nothing left: bytes already encrypted are kept and go first)
     * @throws IOException if the connection failed or is closed
     */
    boolean tryWrite(ByteBuffer[] buffers) throws IOException;

    /** Closes now; the handler's {@link ConnectionHandler#onClosed()} follows on the loop thread. */
    void close();

    /**
     * Closes after the last response: shuts down output (after close_notify on TLS), then reads and discards for a
     * short while, so that request bytes the peer sent meanwhile do not turn the close into a reset that destroys the
     * response (RFC 9112 §9.6). The handler sees no more input.
     */
    void closeGracefully();
}
