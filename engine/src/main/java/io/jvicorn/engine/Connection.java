package io.jvicorn.engine;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * One accepted socket, owned by one {@link SelectorLoop}: its read side, its lifecycle (open, lingering close, closed)
 * and the dispatch of loop events to its {@link ConnectionHandler}.
 *
 * <p>Threads: everything here runs on the loop thread (the selection key, read suspension, the linger deadline, the
 * handler) except what the {@link Transport} contract allows from any thread: {@link #close()} and
 * {@link #closeGracefully()} post their work to the loop, and {@link #isOpen()} reads a volatile flag. Reads happen on
 * the loop and go to the handler. Writes happen on the application's virtual thread and are done by this connection's
 * {@link SocketWriter}, which parks that thread while the socket is full until the loop sees the socket writable
 * again. So the loop never blocks, the application feels back-pressure, and no bytes are buffered beyond the socket's
 * own send buffer. Only one thread may write at a time.
 *
 * <p>On a TLS listener a {@link TlsTransport} sits between the socket and the handler: the handler still sees and
 * writes plaintext only. The plaintext path pays one null check for it.
 *
 * <p>A connection may start with a {@link ConnectionPreface} (the PROXY protocol), read before TLS and before the
 * handler, which is created once the preface passed.
 */
public final class Connection implements Transport {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    /** How long a closing connection keeps reading (and discarding) so its last response is not lost to a reset. */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** {@link #readSocket}'s answer when the read failed and the connection is closed. */
    private static final int READ_FAILED = Integer.MIN_VALUE;

    private final SocketChannel channel;
    private final SelectorLoop loop;
    /** The socket's peer, or the client a {@link ConnectionPreface} named (set on the loop before the handler exists). */
    private volatile @Nullable SocketAddress remote;
    /** What the preface said of the client's TLS to its proxy (set on the loop before the handler exists). */
    private volatile boolean tlsAtProxy;
    private final @Nullable SocketAddress local;
    private final SocketWriter writer;
    private final @Nullable TlsTransport tls;
    private @Nullable SelectionKey key;
    private @Nullable ConnectionHandler handler;
    /** Loop thread: the preface being read; the handler is created once it passed. */
    private @Nullable PendingPreface preface;
    private volatile boolean closed;
    private long lingerDeadline;
    private boolean readsSuspended;
    /** The JFR event of this connection while a recording wants it; committed by closeNow. Loop thread. */
    private @Nullable ConnectionEvent recorded;

    Connection(SocketChannel channel, SelectorLoop loop, @Nullable SSLEngine tlsEngine) throws SSLException {
        this.channel = channel;
        this.loop = loop;
        this.remote = addressOrNull(channel, true);
        this.local = addressOrNull(channel, false);
        this.writer = new SocketWriter(this, channel, loop);
        this.tls = tlsEngine == null ? null : new TlsTransport(tlsEngine, this, channel, writer);
        this.recorded = FlightEvents.recording() ? ConnectionEvent.beginIfEnabled() : null;
    }

    private static @Nullable SocketAddress addressOrNull(SocketChannel channel, boolean remote) {
        try {
            SocketAddress address = remote ? channel.getRemoteAddress() : channel.getLocalAddress();
            // A unix socket client is normally unnamed (an empty path): there is no address to report.
            if (address instanceof UnixDomainSocketAddress unix && unix.getPath().toString().isEmpty()) {
                return null;
            }
            return address;
        } catch (IOException e) {
            return null;
        }
    }

    void attach(SelectionKey key, ConnectionHandler handler) {
        this.key = key;
        this.handler = handler;
    }

    /**
     * Attaches a connection that starts with a preface: its handler is created once the preface passed.
     *
     * @param deadline when, on the loop's clock, the preface must be done
     */
    void attach(SelectionKey key, ConnectionPreface preface, long deadline, ConnectionHandlerFactory factory) {
        this.key = key;
        this.preface = new PendingPreface(preface, deadline, factory);
    }

    /** @return the loop that owns this connection */
    public SelectorLoop loop() {
        return loop;
    }

    /**
     * @return the peer's address; null if it was already gone when accepted, and for a unix socket peer, which has no
     *         name
     */
    @Override
    public @Nullable SocketAddress remoteAddress() {
        return remote;
    }

    /** @return the local address (a {@link UnixDomainSocketAddress} on a unix socket), or null if unknown */
    @Override
    public @Nullable SocketAddress localAddress() {
        return local;
    }

    /** @return whether this connection came in on a TLS listener */
    @Override
    public boolean isTls() {
        return tls != null;
    }

    /**
     * The TLS session, for the ASGI {@code tls} extension (see {@code io.jvicorn.asgi.rules.TlsExtension}): protocol, cipher suite, certificates.
     *
     * @return the session once the TLS handshake is complete; null for plaintext connections and during the first
     *         handshake (handlers see no bytes before it completes)
     */
    @Override
    public @Nullable SSLSession tlsSession() {
        TlsTransport t = tls;
        return t == null ? null : t.session();
    }

    @Override
    public boolean tlsAtProxy() {
        return tlsAtProxy;
    }

    @Override
    public @Nullable String applicationProtocol() {
        TlsTransport t = tls;
        return t == null ? null : t.applicationProtocol();
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public ThreadFactory virtualThreads() {
        return loop.virtualThreads();
    }

    @Override
    public long nanoTime() {
        return loop.nanoTime();
    }

    /**
     * Replaces the handler, for a protocol upgrade. Loop thread only.
     *
     * @param next the handler that owns the connection from now on
     */
    @Override
    public void replaceHandler(ConnectionHandler next) {
        this.handler = next;
    }

    /** Stops reading from the socket (back-pressure). Loop thread only. */
    @Override
    public void suspendReads() {
        readsSuspended = true;
        SelectionKey k = key;
        if (k != null && k.isValid()) {
            k.interestOpsAnd(~SelectionKey.OP_READ);
        }
    }

    /** Reads from the socket again. Loop thread only. */
    @Override
    public void resumeReads() {
        readsSuspended = false;
        SelectionKey k = key;
        if (k != null && k.isValid() && lingerDeadline == 0) {
            k.interestOpsOr(SelectionKey.OP_READ);
            TlsTransport t = tls;
            if (t != null) {
                t.onReadsResumed(); // records already received are not signalled by the selector again
            }
        }
    }

    /**
     * Runs a task on this connection's loop thread.
     *
     * @param task the task
     */
    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    /**
     * Writes every remaining byte of {@code buffers}, parking the calling virtual thread while the socket is full.
     * Must not be called on the loop thread.
     *
     * @param buffers the bytes, consumed in order
     * @throws ConnectionClosedException if the connection is or becomes closed
     * @throws InterruptedIOException      if the calling thread is interrupted (the application was cancelled)
     */
    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        if (closed) {
            throw new ConnectionClosedException("connection closed by the client");
        }
        try {
            TlsTransport t = tls;
            if (t != null) {
                t.write(buffers);
            } else {
                writer.write(buffers);
            }
        } catch (ConnectionClosedException | InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            close();
            throw new ConnectionClosedException("connection lost while writing: " + e.getMessage(), e);
        }
    }

    /**
     * Plain TCP writes the head with the file's first bytes, then the rest with {@code sendfile}
     * ({@link SocketWriter#transfer}); TLS must encrypt it, so it reads it through a buffer.
     */
    @Override
    public void transferFrom(ByteBuffer[] head, FileChannel file, long position, long count) throws IOException {
        if (tls != null) {
            try {
                Transport.super.transferFrom(head, file, position, count); // through write(), which maps failures
            } catch (EOFException e) {
                close(); // as below
                throw e;
            }
            return;
        }
        if (closed) {
            throw new ConnectionClosedException("connection closed by the client");
        }
        try {
            writer.transfer(head, file, position, count);
        } catch (ConnectionClosedException | InterruptedIOException e) {
            throw e;
        } catch (EOFException e) {
            close(); // the head promised bytes that will never come: the client must see the response cut off
            throw e;
        } catch (IOException e) {
            close();
            throw new ConnectionClosedException("connection lost while writing: " + e.getMessage(), e);
        }
    }

    /**
     * Writes what the socket takes now, without waiting: for the loop thread, which must never park.
     *
     * @param buffers the bytes, consumed in order
     * @return true if everything was written; otherwise the rest must be written later with {@link #write} (on TLS,
     *         bytes already encrypted are kept and go first, so {@link #write} must follow even if {@code buffers}
     *         have nothing left)
     * @throws IOException if the connection failed
     */
    @Override
    public boolean tryWrite(ByteBuffer[] buffers) throws IOException {
        if (closed) {
            throw new ConnectionClosedException("connection closed by the client");
        }
        TlsTransport t = tls;
        return t != null ? t.tryWrite(buffers) : writer.tryWrite(buffers);
    }

    /** Asks for OP_WRITE: for a parked writer, or for TLS output of the loop itself. Loop thread only. */
    void armWrite() {
        SelectionKey k = key;
        if (k != null && k.isValid()) {
            k.interestOpsOr(SelectionKey.OP_WRITE);
        }
    }

    /** Called by the loop with the ready operations. */
    void onReady(int readyOps, ByteBuffer readBuffer) {
        TlsTransport t = tls;
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            SelectionKey k = key;
            if (k != null && k.isValid()) {
                k.interestOpsAnd(~SelectionKey.OP_WRITE);
            }
            if (t == null) {
                writer.wakeWriter();
            } else {
                t.onWritable();
            }
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && !closed) {
            PendingPreface p = preface;
            if (p != null) {
                readPreface(p, readBuffer);
            } else if (t == null || lingerDeadline != 0) {
                read(readBuffer);
            } else {
                t.onReadable(readBuffer);
            }
        }
    }

    private void read(ByteBuffer buffer) {
        int n = readSocket(buffer);
        if (n == READ_FAILED) {
            return;
        }
        if (lingerDeadline != 0) {
            if (n < 0) {
                closeNow();
            }
            return;
        }
        ConnectionHandler h = handler;
        if (h == null) {
            return;
        }
        if (n < 0) {
            suspendReads(); // EOF stays readable: report it once, as TLS does, not on every pass of the loop
            h.onInputClosed();
        } else if (n > 0) {
            buffer.flip();
            h.onData(buffer);
        }
    }

    /** Reads into the cleared buffer: the byte count, -1 at EOF, or {@link #READ_FAILED} (then closed). */
    private int readSocket(ByteBuffer buffer) {
        buffer.clear();
        try {
            return channel.read(buffer);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "read failed, closing: {0}", e.getMessage());
            closeNow();
            return READ_FAILED;
        }
    }

    /** Reads plain bytes (ciphertext on TLS) into the preface; once it passed, the protocol gets the rest. */
    private void readPreface(PendingPreface p, ByteBuffer buffer) {
        int n = readSocket(buffer);
        if (n == READ_FAILED) {
            return;
        }
        if (n < 0) {
            refuse(p.unfinished(false));
            return;
        }
        buffer.flip();
        ConnectionPreface.Outcome outcome = p.read(buffer);
        if (outcome instanceof ConnectionPreface.Failed failed) {
            refuse(failed.reason());
        } else if (outcome instanceof ConnectionPreface.Passed passed) {
            preface = null;
            if (passed.client() != null) {
                remote = passed.client();
            }
            tlsAtProxy = passed.tlsAtProxy();
            ConnectionHandler h = p.handler(this);
            handler = h;
            ByteBuffer in = PendingPreface.protocolBytes(passed, buffer);
            TlsTransport t = tls;
            if (!in.hasRemaining()) {
                return;
            }
            if (t != null) {
                t.onCiphertext(in);
            } else {
                h.onData(in);
            }
        }
    }

    /** Closes a connection whose preface failed or did not finish, logging why (nothing when the reason is null). */
    private void refuse(@Nullable String reason) {
        PendingPreface.logRefusal(remote, reason);
        closeNow();
    }

    /** TLS: plaintext for the handler. */
    void deliver(ByteBuffer plain) {
        ConnectionHandler h = handler;
        if (h != null) {
            h.onData(plain);
        }
    }

    /** TLS: the peer sent close_notify or closed the socket. */
    void deliverInputClosed() {
        ConnectionHandler h = handler;
        if (h != null) {
            h.onInputClosed();
        }
    }

    /** @return whether TLS may hand the handler more plaintext: reads are not suspended and no close has begun */
    boolean acceptsInput() {
        return !readsSuspended && lingerDeadline == 0 && !closed;
    }

    void tick(long nowNanos) {
        PendingPreface p = preface;
        if (p != null) {
            if (p.expired(nowNanos)) {
                refuse(p.unfinished(true));
            }
            return;
        }
        if (lingerDeadline != 0) {
            if (nowNanos - lingerDeadline >= 0) {
                closeNow();
            }
            return;
        }
        TlsTransport t = tls;
        if (t != null) {
            t.releaseIdleBuffers();
        }
        ConnectionHandler h = handler;
        if (h != null) {
            h.onTick(nowNanos);
        }
    }

    void shutdown() {
        if (preface != null) {
            closeNow(); // nothing of the protocol started: nothing to finish
            return;
        }
        ConnectionHandler h = handler;
        if (h != null && !closed) {
            h.onShutdown();
        }
    }

    void cancel() {
        if (preface != null) {
            closeNow();
            return;
        }
        ConnectionHandler h = handler;
        if (h != null && !closed) {
            h.onCancel();
        }
    }

    /** Closes the connection now, from any thread (the work happens on the loop). */
    @Override
    public void close() {
        if (loop.inLoop()) {
            closeNow();
        } else if (!closed) {
            loop.execute(this::closeNow);
        }
    }

    /**
     * Closes after the last response: shuts down output (after close_notify on TLS), then keeps reading and discarding
     * for a short while so the peer's unread request bytes do not turn into a reset that destroys the response
     * (RFC 9112 §9.6). From any thread.
     */
    @Override
    public void closeGracefully() {
        if (loop.inLoop()) {
            lingerThenClose();
        } else if (!closed) {
            loop.execute(this::lingerThenClose);
        }
    }

    private void lingerThenClose() {
        if (closed || lingerDeadline != 0) {
            return;
        }
        lingerDeadline = loop.nanoTime() + LINGER_NANOS;
        if (lingerDeadline == 0) {
            lingerDeadline = 1;
        }
        SelectionKey k = key;
        if (k != null && k.isValid()) {
            k.interestOps(SelectionKey.OP_READ);
        }
        TlsTransport t = tls;
        if (t == null || t.closeOutbound()) {
            shutdownOutput();
        }
    }

    /** Half-closes the socket; TLS calls it once close_notify is written. Loop thread only. */
    void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            closeNow();
        }
    }

    void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        SelectionKey k = key;
        if (k != null) {
            k.cancel();
        }
        TlsTransport t = tls;
        if (t != null) {
            t.closeQuietly();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.TRACE, "close failed: {0}", e.getMessage());
        }
        loop.forget(this);
        writer.wakeWriter();
        ConnectionEvent event = recorded;
        if (event != null) {
            recorded = null;
            event.remoteAddress = String.valueOf(remote);
            event.tls = tls != null;
            FlightEvents.commit(event);
        }
        ConnectionHandler h = handler;
        if (h != null) {
            h.onClosed();
        }
    }
}
