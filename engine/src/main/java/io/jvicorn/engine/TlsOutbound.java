package io.jvicorn.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The outbound side of a {@link TlsTransport}: every wrap (application data, handshake messages, alerts and
 * close_notify) and the encrypted bytes on their way to the socket.
 *
 * <p>Threads and lock: application data is wrapped on the writing thread ({@link #write}, which parks in the
 * connection's {@link SocketWriter} while the socket is full or a handshake is in progress) or on the loop
 * ({@link #tryWrite}); handshake wraps, alerts, close_notify and the flush on {@code OP_WRITE} happen on the loop.
 * {@link SSLEngine} allows no two wraps at once, so every method here that wraps or touches the output buffer holds the
 * transport's {@link TlsTransport#wrapLock}, and never while parked or blocked: a writer registers as the waiter under
 * the lock, releases it, and only then parks. The fields below are guarded by that lock.
 *
 * <p>Buffer: the encrypted output buffer is allocated at the first wrap, grown when the session's records grow, and
 * dropped by a timer tick once it is empty and was not used since the previous tick.
 */
final class TlsOutbound {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    /** Records wrapped before a flush: fewer, larger writes for large responses. */
    private static final int RECORDS_PER_FLUSH = 2;
    private static final ByteBuffer[] NO_DATA = new ByteBuffer[0];
    /** Outcome of a wrap: everything was written. */
    static final int DONE = 0;
    /** Outcome of a wrap: the rest waits for the socket to become writable. */
    static final int WAIT_WRITABLE = 1;
    /** Outcome of a wrap: the rest waits for the peer's handshake messages. */
    static final int WAIT_HANDSHAKE = 2;
    /** Outcome of a handshake wrap: the engine closed or the connection failed; nothing more to drive. */
    static final int STOPPED = 3;

    private final TlsTransport tls;
    private final SSLEngine engine;
    private final Connection connection;
    private final SocketChannel channel;
    private final SocketWriter writer;
    private final ReentrantLock wrapLock;

    // Guarded by wrapLock. Fill mode: bytes [0, position) are encrypted and not yet written.
    private @Nullable ByteBuffer netOut;
    private boolean wroteSinceTick;

    TlsOutbound(TlsTransport tls, SSLEngine engine, Connection connection, SocketChannel channel,
            SocketWriter writer) {
        this.tls = tls;
        this.engine = engine;
        this.connection = connection;
        this.channel = channel;
        this.writer = writer;
        this.wrapLock = tls.wrapLock;
    }

    // ---------------------------------------------------------------- writer side

    /**
     * Wraps and writes every remaining byte of {@code src}, parking the calling thread while the socket is full or a
     * handshake is in progress.
     */
    void write(ByteBuffer[] src) throws IOException {
        Thread self = Thread.currentThread();
        while (true) {
            int outcome;
            wrapLock.lock();
            try {
                outcome = wrapAndFlush(src);
                if (outcome != DONE) {
                    writer.setWriteWaiter(self);
                }
            } finally {
                wrapLock.unlock();
            }
            if (outcome == DONE) {
                return;
            }
            writer.parkWriter(self, outcome == WAIT_WRITABLE);
        }
    }

    /**
     * Wraps and writes what the socket takes now, without waiting (loop thread).
     *
     * @return true if everything, including earlier pending output, was written
     */
    boolean tryWrite(ByteBuffer[] src) throws IOException {
        wrapLock.lock();
        try {
            return wrapAndFlush(src) == DONE;
        } finally {
            wrapLock.unlock();
        }
    }

    /** Under {@link #wrapLock}. @return DONE, WAIT_WRITABLE or WAIT_HANDSHAKE */
    private int wrapAndFlush(ByteBuffer[] src) throws IOException {
        ByteBuffer out = netOut();
        wroteSinceTick = true;
        int packet = engine.getSession().getPacketBufferSize();
        while (true) {
            boolean more = SocketWriter.hasRemaining(src);
            if (out.position() > 0 && (!more || out.remaining() < packet)) {
                if (!flush(out)) {
                    return WAIT_WRITABLE;
                }
            }
            if (!more) {
                return DONE;
            }
            SSLEngineResult result = engine.wrap(src, out);
            if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                tls.handshakeFinished();
            }
            switch (result.getStatus()) {
                case OK -> {
                    if (result.bytesConsumed() == 0 && result.bytesProduced() == 0 && isWaitingForPeer()) {
                        return out.position() > 0 && !flush(out) ? WAIT_WRITABLE : WAIT_HANDSHAKE;
                    }
                }
                case BUFFER_OVERFLOW -> {
                    out = makeRoom(out);
                    if (out == null) {
                        return WAIT_WRITABLE;
                    }
                    packet = Math.max(packet, engine.getSession().getPacketBufferSize());
                }
                case CLOSED -> throw new ConnectionClosedException("TLS connection closed");
                case BUFFER_UNDERFLOW -> throw new IllegalStateException("wrap reported " + result);
            }
        }
    }

    private boolean isWaitingForPeer() {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NEED_UNWRAP || status == HandshakeStatus.NEED_TASK
                || status == HandshakeStatus.NEED_UNWRAP_AGAIN;
    }

    // ---------------------------------------------------------------- loop side

    /**
     * Wraps what the handshake needs to send and writes it without blocking. Loop thread.
     *
     * @return DONE if everything was written; WAIT_WRITABLE if the rest waits for {@code OP_WRITE} (the caller asks
     *         for it); STOPPED if the engine closed or the connection failed (and is closed)
     */
    int wrapHandshake() {
        wrapLock.lock();
        try {
            ByteBuffer out = netOut();
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult result = engine.wrap(NO_DATA, out);
                if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    tls.handshakeFinished();
                }
                SSLEngineResult.Status status = result.getStatus();
                if (status == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    out = makeRoom(out);
                    if (out == null) {
                        return WAIT_WRITABLE;
                    }
                } else if (status == SSLEngineResult.Status.CLOSED) {
                    flush(out); // an alert or close_notify: the connection is ending, nothing more to drive
                    return STOPPED;
                }
            }
            return flush(out) ? DONE : WAIT_WRITABLE;
        } catch (SSLException e) {
            tls.fail(e);
            return STOPPED;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "TLS handshake write failed: {0}", e.getMessage());
            connection.closeNow();
            return STOPPED;
        } finally {
            wrapLock.unlock();
        }
    }

    /** The handshake failed: wraps the engine's alert and writes it if the socket takes it. Best effort. */
    void sendAlert() {
        wrapLock.lock();
        try {
            engine.closeOutbound();
            ByteBuffer out = netOut();
            engine.wrap(NO_DATA, out);
            flush(out);
        } catch (IOException | RuntimeException ignored) {
            // Best effort: the connection closes either way.
        } finally {
            wrapLock.unlock();
        }
    }

    /**
     * The socket is writable again: writes what is pending. Loop thread.
     *
     * @return true if nothing is pending any more; false if the rest waits for {@code OP_WRITE} (asked for here) or
     *         the write failed (and the connection is closed)
     */
    boolean flushPending() {
        boolean drained;
        wrapLock.lock();
        try {
            ByteBuffer out = netOut;
            drained = out == null || flush(out);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "write failed, closing: {0}", e.getMessage());
            connection.closeNow();
            return false;
        } finally {
            wrapLock.unlock();
        }
        if (!drained) {
            connection.armWrite();
        }
        return drained;
    }

    /**
     * Queues close_notify and writes it without blocking. Loop thread.
     *
     * @return true if it is written (or nothing more can be written) and the output may be shut down now; false if it
     *         waits for the socket
     */
    boolean closeOutbound() {
        wrapLock.lock();
        try {
            engine.closeOutbound();
            ByteBuffer out = netOut();
            while (!engine.isOutboundDone()) {
                SSLEngineResult result = engine.wrap(NO_DATA, out);
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    ByteBuffer roomy = makeRoom(out);
                    if (roomy == null) {
                        break; // earlier output waits for the socket; it goes first, close_notify is dropped
                    }
                    out = roomy;
                } else if (result.bytesProduced() == 0) {
                    break;
                }
            }
            return flush(out);
        } catch (IOException e) {
            return true; // nothing more can be written: shutting down the output is all that is left
        } finally {
            wrapLock.unlock();
        }
    }

    /**
     * The connection is closing abruptly: sends close_notify if the socket takes it at once, and drops the buffer.
     * Skipped if a writer is mid-wrap; it fails on the closed channel.
     */
    void closeQuietly() {
        if (!wrapLock.tryLock()) {
            return;
        }
        try {
            if (tls.session() != null && !engine.isOutboundDone()) {
                engine.closeOutbound();
                ByteBuffer out = netOut();
                engine.wrap(NO_DATA, out);
                flush(out);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.TRACE, "close_notify not sent: {0}", e.getMessage());
        } finally {
            netOut = null;
            wrapLock.unlock();
        }
    }

    /** Timer tick: drops the output buffer if it is empty and was not used since the previous tick. */
    void releaseIdleBuffer() {
        if (!wrapLock.tryLock()) {
            return;
        }
        try {
            ByteBuffer out = netOut;
            if (out != null && out.position() == 0 && !wroteSinceTick) {
                netOut = null;
            }
            wroteSinceTick = false;
        } finally {
            wrapLock.unlock();
        }
    }

    // ---------------------------------------------------------------- output buffer, under wrapLock

    private ByteBuffer netOut() {
        ByteBuffer out = netOut;
        if (out == null) {
            out = ByteBuffer.allocate(RECORDS_PER_FLUSH * engine.getSession().getPacketBufferSize());
            netOut = out;
        }
        return out;
    }

    /**
     * A wrap did not fit: write what is pending, or grow an empty buffer that is too small for the session's records.
     *
     * @return the buffer to wrap into, or null if pending bytes wait for the socket
     */
    private @Nullable ByteBuffer makeRoom(ByteBuffer out) throws IOException {
        if (out.position() > 0) {
            return flush(out) ? out : null;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, engine.getSession().getPacketBufferSize()));
        netOut = bigger;
        return bigger;
    }

    /** @return true if every pending byte was written */
    private boolean flush(ByteBuffer out) throws IOException {
        if (out.position() == 0) {
            return true;
        }
        out.flip();
        try {
            channel.write(out);
        } finally {
            out.compact();
        }
        return out.position() == 0;
    }
}
