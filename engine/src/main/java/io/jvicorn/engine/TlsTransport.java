package io.jvicorn.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * TLS for one {@link Connection}, so that handlers see plaintext and nothing else changes for them. This class is what
 * the connection talks to, and holds what the two sides share: the {@link SSLEngine}, the published session, and the
 * wrap lock. The work is done by {@link TlsInbound} (ciphertext in, plaintext to the handler, and the handshake) and
 * {@link TlsOutbound} (every wrap, and the encrypted bytes on their way to the socket).
 *
 * <p>Threads and locks:
 * <ul>
 *   <li>The loop thread reads, unwraps and hands plaintext to the handler, and drives the handshake: its handshake
 *       wraps are written without blocking, with {@code OP_WRITE} interest while the socket is full, and delegated
 *       tasks run on a virtual thread, after which the loop resumes. All of {@link TlsInbound}'s state, and the
 *       {@link #closingOutput} flag here, belong to the loop thread.
 *   <li>The writing thread (the application's virtual thread, or the loop in {@link #tryWrite}) wraps application data
 *       and writes it with the same park-while-full logic as plaintext, parking in the connection's
 *       {@link SocketWriter}.
 *   <li>{@link SSLEngine} allows one unwrap concurrent with one wrap but not two wraps, so every wrap, and the
 *       encrypted output buffer they share, is guarded by {@link #wrapLock}. It is never held while parked or
 *       blocked. A writer registers itself as the waiter under that lock, and the session is published under it
 *       ({@link #handshakeFinished()}), so a writer that waits for the handshake is never missed. The lock is
 *       reentrant: a failure found under it may send an alert and close the connection before it is released.
 *   <li>The session is volatile: any thread may read it.
 * </ul>
 *
 * <p>Buffers: plaintext goes through the loop's shared buffer. Ciphertext that arrived but cannot be unwrapped yet (a
 * partial record, or reads are suspended) gets a buffer of the connection's own, and the encrypted output one is
 * allocated at the first wrap; a timer tick drops either once it is empty and was not used since the previous tick.
 * So an idle TLS connection holds its {@link SSLEngine} and no buffer.
 */
final class TlsTransport {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");

    private final SSLEngine engine;
    private final Connection connection;
    private final SocketWriter writer;
    /** Guards every wrap and {@link TlsOutbound}'s output buffer; see the class comment. */
    final ReentrantLock wrapLock = new ReentrantLock();
    private final TlsOutbound outbound;
    private final TlsInbound inbound;

    private volatile @Nullable SSLSession session;
    /** What ALPN chose; written before {@link #session} is published. */
    private @Nullable String applicationProtocol;
    // Loop thread only: close_notify waits for the socket, and then the output is shut down.
    private boolean closingOutput;

    TlsTransport(SSLEngine engine, Connection connection, SocketChannel channel, SocketWriter writer)
            throws SSLException {
        this.engine = engine;
        this.connection = connection;
        this.writer = writer;
        this.outbound = new TlsOutbound(this, engine, connection, channel, writer);
        this.inbound = new TlsInbound(this, engine, connection, channel, outbound);
        engine.beginHandshake();
    }

    /** @return the session once the handshake is complete, else null */
    @Nullable SSLSession session() {
        return session;
    }

    /** @return the protocol ALPN chose, once the handshake is complete: null before, "" when none was */
    @Nullable String applicationProtocol() {
        return session == null ? null : applicationProtocol;
    }

    // ---------------------------------------------------------------- loop side

    /** The socket is readable. */
    void onReadable(ByteBuffer shared) {
        inbound.onReadable(shared);
    }

    /** Ciphertext already read from the socket (what followed a {@link ConnectionPreface}). */
    void onCiphertext(ByteBuffer in) {
        inbound.onCiphertext(in);
    }

    /** Reads were resumed: unwrap what was kept back while they were suspended. */
    void onReadsResumed() {
        inbound.onReadsResumed();
    }

    /** The socket is writable again: write what is pending, then let the writer or the handshake continue. */
    void onWritable() {
        if (!outbound.flushPending()) {
            return;
        }
        writer.wakeWriter();
        if (closingOutput) {
            closingOutput = false;
            connection.shutdownOutput();
        } else {
            inbound.onOutputDrained();
        }
    }

    /**
     * Starts a graceful close: queues close_notify and writes it without blocking.
     *
     * @return true if it is written and the output may be shut down now; false if it is written once the socket
     *         takes it, and then {@link Connection#shutdownOutput()} is called
     */
    boolean closeOutbound() {
        if (outbound.closeOutbound()) {
            return true;
        }
        closingOutput = true;
        connection.armWrite();
        return false;
    }

    /** The connection is closing abruptly: send close_notify if the socket takes it at once, and drop the buffers. */
    void closeQuietly() {
        inbound.dropBuffer();
        outbound.closeQuietly();
    }

    /** Timer tick (loop thread): drops buffers that are empty and were not used since the previous tick. */
    void releaseIdleBuffers() {
        inbound.releaseIdleBuffer();
        outbound.releaseIdleBuffer();
    }

    // ---------------------------------------------------------------- writer side

    /**
     * Wraps and writes every remaining byte of {@code src}, parking the calling thread while the socket is full or a
     * handshake is in progress.
     */
    void write(ByteBuffer[] src) throws IOException {
        outbound.write(src);
    }

    /**
     * Wraps and writes what the socket takes now, without waiting (loop thread).
     *
     * @return true if everything, including earlier pending output, was written
     */
    boolean tryWrite(ByteBuffer[] src) throws IOException {
        return outbound.tryWrite(src);
    }

    // ---------------------------------------------------------------- shared by both sides

    /** The handshake completed (first or renegotiated): publish the session and wake a writer that waits for it. */
    void handshakeFinished() {
        wrapLock.lock();
        try {
            applicationProtocol = engine.getApplicationProtocol();
            session = engine.getSession();
            writer.wakeWriter(); // a writer waiting for a (re)handshake; checked under the lock, so none is missed
        } finally {
            wrapLock.unlock();
        }
    }

    /** The handshake failed: send the engine's alert if the socket takes it, then close. */
    void fail(SSLException e) {
        LOG.log(System.Logger.Level.DEBUG, "TLS failure with {0}: {1}", connection.remoteAddress(), e.getMessage());
        outbound.sendAlert();
        connection.closeNow();
    }
}
