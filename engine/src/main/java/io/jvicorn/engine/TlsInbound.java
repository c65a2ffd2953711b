package io.jvicorn.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The inbound side of a {@link TlsTransport}: reads ciphertext, unwraps it, hands the plaintext to the connection's
 * handler, and drives the handshake (its wraps through {@link TlsOutbound}, its delegated tasks on a virtual thread).
 *
 * <p>Threads: loop thread only, like every field here. The one exception is the body of a delegated-task run, which
 * touches only the {@link SSLEngine} and posts its continuation back to the loop; while it runs,
 * {@link #tasksRunning} keeps the loop from touching the engine's handshake. Unwraps take no lock: the engine allows
 * one unwrap concurrent with one wrap.
 *
 * <p>Buffer: ciphertext that arrived but cannot be unwrapped yet (a partial record, or reads are suspended) is kept in
 * a buffer of the connection's own; otherwise reads go through the loop's shared buffer. A timer tick drops the own
 * buffer once it is empty and was not used since the previous tick.
 */
final class TlsInbound {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final TlsTransport tls;
    private final SSLEngine engine;
    private final Connection connection;
    private final SocketChannel channel;
    private final TlsOutbound outbound;

    // Read mode: bytes [position, limit) arrived and are not yet unwrapped.
    private @Nullable ByteBuffer netIn;
    private boolean readSinceTick;
    private boolean tasksRunning;
    private boolean inputClosed;
    /** A handshake wrap waits for the socket; unwrapping resumes once it is written. */
    private boolean waitingForOutput;

    TlsInbound(TlsTransport tls, SSLEngine engine, Connection connection, SocketChannel channel,
            TlsOutbound outbound) {
        this.tls = tls;
        this.engine = engine;
        this.connection = connection;
        this.channel = channel;
        this.outbound = outbound;
    }

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

    /** Ciphertext read before TLS began (after a {@link ConnectionPreface}): unwrapped as if just read. */
    void onCiphertext(ByteBuffer in) {
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

    /** The pending output was written: a handshake that waited for it continues. */
    void onOutputDrained() {
        if (waitingForOutput) {
            waitingForOutput = false;
            drain();
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
                int outcome = outbound.wrapHandshake();
                if (outcome == TlsOutbound.DONE) {
                    continue;
                }
                if (outcome == TlsOutbound.WAIT_WRITABLE) {
                    waitingForOutput = true;
                    connection.armWrite();
                }
                return;
            }
            if (tls.session() == null && status == HandshakeStatus.NOT_HANDSHAKING) {
                tls.handshakeFinished(); // FINISHED is reported by a wrap or unwrap; this covers an engine that skips it
            }
            if (!in.hasRemaining() || (tls.session() != null && !connection.acceptsInput())) {
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
                    tls.handshakeFinished();
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
            tls.fail(e);
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
        if (tls.session() == null) {
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

    /** Timer tick: drops the kept-ciphertext buffer if it is empty and was not used since the previous tick. */
    void releaseIdleBuffer() {
        ByteBuffer in = netIn;
        if (in != null && !in.hasRemaining() && !readSinceTick) {
            netIn = null;
        }
        readSinceTick = false;
    }

    /** The connection is closing: the kept ciphertext will never be unwrapped. */
    void dropBuffer() {
        netIn = null;
    }
}
