package io.jvicorn.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * TLS for one {@link Connection}, so that handlers see plaintext and nothing else changes for them.
 *
 * <p>The loop thread reads, unwraps and hands plaintext to the handler, and drives the handshake: its handshake wraps
 * are written without blocking, with {@code OP_WRITE} interest while the socket is full, and delegated tasks run on a
 * virtual thread, after which the loop resumes. The writing thread wraps application data and writes it with the same
 * park-while-full logic as plaintext. {@link SSLEngine} allows one unwrap concurrent with one wrap but not two wraps,
 * so every wrap, and the encrypted output buffer they share, is guarded by {@link #wrapLock}; it is never held while
 * parked or blocked.
 *
 * <p>Buffers: plaintext goes through the loop's shared buffer. Ciphertext that arrived but cannot be unwrapped yet (a
 * partial record, or reads are suspended) gets a buffer of the connection's own, and the encrypted output one is
 * allocated at the first wrap; a timer tick drops either once it is empty and was not used since the previous tick.
 * So an idle TLS connection holds its {@link SSLEngine} and no buffer.
 */
final class TlsTransport {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    /** Records wrapped before a flush: fewer, larger writes for large responses. */
    private static final int RECORDS_PER_FLUSH = 2;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final ByteBuffer[] NO_DATA = new ByteBuffer[0];
    private static final int DONE = 0;
    private static final int WAIT_WRITABLE = 1;
    private static final int WAIT_HANDSHAKE = 2;

    private final SSLEngine engine;
    private final Connection connection;
    private final SocketWriter writer;
    private final SocketChannel channel;
    private final ReentrantLock wrapLock = new ReentrantLock();

    // Guarded by wrapLock. Fill mode: bytes [0, position) are encrypted and not yet written.
    private @Nullable ByteBuffer netOut;
    private boolean wroteSinceTick;

    // Loop thread only. Read mode: bytes [position, limit) arrived and are not yet unwrapped.
    private @Nullable ByteBuffer netIn;
    private boolean readSinceTick;
    private boolean tasksRunning;
    private boolean inputClosed;
    private boolean waitingForOutput;
    private boolean closingOutput;

    private volatile @Nullable SSLSession session;

    TlsTransport(SSLEngine engine, Connection connection, SocketChannel channel, SocketWriter writer)
            throws SSLException {
        this.engine = engine;
        this.connection = connection;
        this.writer = writer;
        this.channel = channel;
        engine.beginHandshake();
    }

    /** @return the session once the handshake is complete, else null */
    @Nullable SSLSession session() {
        return session;
    }

    // ---------------------------------------------------------------- loop side: input and handshake

    /** The socket is readable. */
    void onReadable(ByteBuffer shared) {
        ByteBuffer in = netIn;
        int n;
        try {
            if (in == null) {
                shared.clear();
                n = channel.read(shared);
                shared.flip();
                in = shared;
            } else {
                in = withRoom(in);
                n = channel.read(in);
                in.flip();
                netIn = in;
                readSinceTick = true;
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "read failed, closing: {0}", e.getMessage());
            connection.closeNow();
            return;
        }
        if (n < 0) {
            endOfInput();
            return;
        }
        process(in);
        keep(in);
    }

    /** Reads were resumed: unwrap what was kept back while they were suspended. */
    void onReadsResumed() {
        ByteBuffer in = netIn;
        if (in != null && in.hasRemaining()) {
            connection.execute(this::drain);
        }
    }

    private void drain() {
        if (!connection.isOpen() || inputClosed) {
            return;
        }
        ByteBuffer in = netIn;
        if (in == null) {
            in = EMPTY;
        }
        process(in);
        keep(in);
    }

    /** Compacts the kept ciphertext and makes room for one more record; the result is in fill mode. */
    private ByteBuffer withRoom(ByteBuffer in) {
        int packet = engine.getSession().getPacketBufferSize();
        in.compact();
        if (in.remaining() >= packet) {
            return in;
        }
        ByteBuffer bigger = ByteBuffer.allocate(in.position() + packet);
        in.flip();
        bigger.put(in);
        return bigger;
    }

    /**
     * Keeps what was not unwrapped. Once a connection keeps bytes, later reads go to its own buffer until a timer
     * tick finds it empty and unused (so a large upload does not allocate per read).
     */
    private void keep(ByteBuffer in) {
        if (in != netIn && in.hasRemaining() && connection.isOpen() && !inputClosed) {
            ByteBuffer copy = ByteBuffer.allocate(in.remaining() + 2 * engine.getSession().getPacketBufferSize());
            copy.put(in).flip();
            netIn = copy;
            readSinceTick = true;
        }
    }

    /**
     * Unwraps records from {@code in}, hands their plaintext to the handler, and drives the handshake, until the input
     * is used up, a record is incomplete, the handler suspended reads, or the handshake waits for output or tasks.
     */
    private void process(ByteBuffer in) {
        while (connection.isOpen() && !inputClosed && !tasksRunning) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
                return;
            }
            if (status == HandshakeStatus.NEED_WRAP) {
                if (!wrapHandshake()) {
                    return;
                }
                continue;
            }
            if (session == null && status == HandshakeStatus.NOT_HANDSHAKING) {
                handshakeFinished(); // FINISHED is reported by a wrap or unwrap; this covers an engine that skips it
            }
            if (!in.hasRemaining() || (session != null && !connection.acceptsInput())) {
                return;
            }
            if (!unwrapBatch(in)) {
                return;
            }
        }
    }

    /** @return false when no more progress can be made with this input now */
    private boolean unwrapBatch(ByteBuffer in) {
        int appSize = engine.getSession().getApplicationBufferSize();
        ByteBuffer plain = connection.loop().tlsPlainBuffer(appSize);
        plain.clear();
        boolean progress = true;
        try {
            while (in.hasRemaining() && plain.remaining() >= appSize) {
                SSLEngineResult result = engine.unwrap(in, plain);
                if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    handshakeFinished();
                }
                SSLEngineResult.Status status = result.getStatus();
                if (status == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    progress = false; // an incomplete record: wait for more bytes
                    break;
                }
                if (status == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    if (plain.position() == 0) {
                        // The session's application buffer size grew (larger records negotiated): use a bigger buffer.
                        plain = connection.loop().tlsPlainBuffer(plain.capacity() * 2);
                        plain.clear();
                    }
                    break;
                }
                if (status == SSLEngineResult.Status.CLOSED) {
                    inputClosed = true; // close_notify: what precedes it is delivered first
                    break;
                }
                if (engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
                    break; // the handshake needs a wrap or a task before more can be unwrapped
                }
                if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                    progress = false; // nothing moved: wait for more input rather than spin
                    break;
                }
            }
        } catch (SSLException e) {
            fail(e);
            return false;
        }
        if (plain.position() > 0) {
            plain.flip();
            connection.deliver(plain);
        }
        if (inputClosed && connection.isOpen()) {
            connection.deliverInputClosed();
            return false;
        }
        return progress;
    }

    private void endOfInput() {
        netIn = null;
        if (inputClosed) {
            connection.suspendReads(); // already reported; a handler that keeps the connection open must not spin
            return;
        }
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            // The peer closed without close_notify; for HTTP a response's framing tells whether anything was lost.
            LOG.log(System.Logger.Level.TRACE, "TLS input ended without close_notify: {0}", e.getMessage());
        }
        if (session == null) {
            connection.closeNow(); // gone during the handshake: the handler has seen nothing
            return;
        }
        inputClosed = true;
        connection.deliverInputClosed();
    }

    private void runDelegatedTasks() {
        tasksRunning = true;
        Thread.ofVirtual().name("jvicorn-tls-task").start(() -> {
            try {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            } catch (RuntimeException e) {
                // The engine reports the failure from its next wrap or unwrap, which closes the connection.
                LOG.log(System.Logger.Level.DEBUG, "TLS handshake task failed: {0}", e.toString());
            } finally {
                connection.execute(this::afterDelegatedTasks);
            }
        });
    }

    private void afterDelegatedTasks() {
        tasksRunning = false;
        drain();
    }

    /**
     * Wraps what the handshake needs to send and writes it without blocking.
     *
     * @return true if everything was written; false if the rest waits for {@code OP_WRITE} or the connection failed
     */
    private boolean wrapHandshake() {
        wrapLock.lock();
        try {
            ByteBuffer out = netOut();
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult result = engine.wrap(NO_DATA, out);
                if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    handshakeFinished();
                }
                SSLEngineResult.Status status = result.getStatus();
                if (status == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    out = makeRoom(out);
                    if (out == null) {
                        return awaitOutput();
                    }
                } else if (status == SSLEngineResult.Status.CLOSED) {
                    flush(out); // an alert or close_notify: the connection is ending, nothing more to drive
                    return false;
                }
            }
            if (!flush(out)) {
                return awaitOutput();
            }
            return true;
        } catch (SSLException e) {
            fail(e);
            return false;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "TLS handshake write failed: {0}", e.getMessage());
            connection.closeNow();
            return false;
        } finally {
            wrapLock.unlock();
        }
    }

    private boolean awaitOutput() {
        waitingForOutput = true;
        connection.armWrite();
        return false;
    }

    /** The handshake failed: send the engine's alert if the socket takes it, then close. */
    private void fail(SSLException e) {
        LOG.log(System.Logger.Level.DEBUG, "TLS failure with {0}: {1}", connection.remoteAddress(), e.getMessage());
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
        connection.closeNow();
    }

    private void handshakeFinished() {
        wrapLock.lock();
        try {
            session = engine.getSession();
            writer.wakeWriter(); // a writer waiting for a (re)handshake; checked under the lock, so none is missed
        } finally {
            wrapLock.unlock();
        }
    }

    // ---------------------------------------------------------------- loop side: output

    /** The socket is writable again: write what is pending, then let the writer or the handshake continue. */
    void onWritable() {
        boolean drained;
        wrapLock.lock();
        try {
            ByteBuffer out = netOut;
            drained = out == null || flush(out);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "write failed, closing: {0}", e.getMessage());
            connection.closeNow();
            return;
        } finally {
            wrapLock.unlock();
        }
        if (!drained) {
            connection.armWrite();
            return;
        }
        writer.wakeWriter();
        if (closingOutput) {
            closingOutput = false;
            connection.shutdownOutput();
        } else if (waitingForOutput) {
            waitingForOutput = false;
            drain();
        }
    }

    /**
     * Starts a graceful close: queues close_notify and writes it without blocking.
     *
     * @return true if it is written and the output may be shut down now; false if it is written once the socket
     *         takes it, and then {@link Connection#shutdownOutput()} is called
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
            if (flush(out)) {
                return true;
            }
        } catch (IOException e) {
            return true; // nothing more can be written: shutting down the output is all that is left
        } finally {
            wrapLock.unlock();
        }
        closingOutput = true;
        connection.armWrite();
        return false;
    }

    /** The connection is closing abruptly: send close_notify if the socket takes it at once, and drop the buffers. */
    void closeQuietly() {
        netIn = null;
        if (!wrapLock.tryLock()) {
            return; // a writer is mid-wrap; it fails on the closed channel
        }
        try {
            if (session != null && !engine.isOutboundDone()) {
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

    /** Timer tick (loop thread): drops buffers that are empty and were not used since the previous tick. */
    void releaseIdleBuffers() {
        ByteBuffer in = netIn;
        if (in != null && !in.hasRemaining() && !readSinceTick) {
            netIn = null;
        }
        readSinceTick = false;
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
            boolean more = hasRemaining(src);
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
                handshakeFinished();
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

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (int i = buffers.length - 1; i >= 0; i--) {
            if (buffers[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
