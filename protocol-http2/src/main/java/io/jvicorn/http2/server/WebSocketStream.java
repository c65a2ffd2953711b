package io.jvicorn.http2.server;

import io.jvicorn.asgi.Header;
import io.jvicorn.engine.ConnectionClosedException;
import io.jvicorn.engine.ConnectionHandler;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.server.AppGeneration;
import io.jvicorn.http11.server.ExchangeSupport;
import io.jvicorn.http11.server.HttpSettings;
import io.jvicorn.http11.server.ServerActivity;
import io.jvicorn.http11.server.UpgradeStream;
import io.jvicorn.http11.server.WebSocketUpgrade;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket on one HTTP/2 stream (RFC 8441): the stream is the WebSocket server's {@link Transport}, so the same
 * handler, frames, limits and close handshake run on it as on an upgraded HTTP/1.1 connection. Its DATA in is the
 * handler's input, held back (and the client's window with it) while the handler suspends reads; what is written goes
 * out as DATA through a {@link PartHandoff}, within the client's windows; {@code closeGracefully} ends the stream with
 * END_STREAM and {@code close} resets it. A reset by the client, or the connection's loss, closes the handler, which
 * the application sees as a disconnect (1006).
 *
 * <p>Threads: the loop owns the handler, the input and the read flags; {@link #write} and {@link #respond} run on the
 * WebSocket's threads and park in the hand-off; {@link #open}, {@link #responded} and {@link #shuttingDown} are
 * volatile for them.
 */
final class WebSocketStream extends ServerStream implements Transport, UpgradeStream {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final RequestHead head;
    private final Http2ConnectionHandler connection;
    private final Transport transport;
    private final HttpSettings settings;
    private final ExchangeSupport support;

    private volatile boolean open = true;
    private volatile boolean responded;
    private volatile boolean shuttingDown;

    // Loop thread's own.
    private @Nullable ConnectionHandler handler;
    /** Until the WebSocket handler resumes them: it takes over with reads suspended, as from HTTP/1.1. */
    private boolean readsSuspended = true;
    private boolean delivering;
    /** The client's bytes not yet handed to the handler: at most the stream's window, which they keep closed. */
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private boolean inputEnded;
    private boolean inputEndDelivered;

    WebSocketStream(int id, RequestHead head, Http2ConnectionHandler connection, Transport transport,
            HttpSettings settings, ExchangeSupport support) {
        super(id);
        this.head = head;
        this.connection = connection;
        this.transport = transport;
        this.settings = settings;
        this.support = support;
    }

    /** Runs the WebSocket (its handshake, the application, the close) on the stream's own virtual thread. */
    void run(WebSocketUpgrade webSocket) {
        ServerActivity activity = settings.activity();
        AppGeneration generation = taskStarted(activity);
        try {
            webSocket.run(support.upgradeRequest(this, head, generation, () -> shuttingDown));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "Exception in ASGI application", e);
        } finally {
            transport.execute(this::finished);
            activity.taskFinished(generation);
        }
    }

    /** The WebSocket is over: the stream is let go (reset if it is still open). Loop thread. */
    private void finished() {
        int dropped = closeInput();
        open = false;
        parts.fail();
        connection.finished(this, dropped, false);
    }

    // ------------------------------------------------------------------------------------------ ServerStream (loop)

    @Override
    void fail() {
        open = false;
        parts.fail();
        connection.giveBack(id, closeInput());
    }

    @Override
    void data(ByteBuffer data) {
        if (!open) {
            connection.giveBack(id, data.remaining());
            return;
        }
        if (pending.remaining() < data.remaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(pending.position() + data.remaining());
            pending.flip();
            pending = bigger.put(pending);
        }
        pending.put(data);
        deliver();
    }

    @Override
    void end() {
        inputEnded = true;
        deliver();
    }

    @Override
    void cancel() {
        ConnectionHandler h = handler;
        if (h != null) {
            h.onCancel();
        } else {
            close();
        }
    }

    @Override
    void tick(long nowNanos) {
        ConnectionHandler h = handler;
        if (h != null && open) {
            h.onTick(nowNanos);
        }
    }

    @Override
    void shutdown() {
        shuttingDown = true;
        ConnectionHandler h = handler;
        if (h != null && open) {
            h.onShutdown();
        }
    }

    /** Hands the handler what it may take now, giving the client as much window back. */
    private void deliver() {
        ConnectionHandler h = handler;
        if (h == null || delivering || !open) {
            return;
        }
        delivering = true;
        try {
            if (!readsSuspended && pending.position() > 0) {
                pending.flip();
                int n = pending.remaining();
                h.onData(pending); // what it cannot decode now it copies, and suspends reads
                pending.clear();
                connection.giveBack(id, n);
            }
            if (inputEnded && !inputEndDelivered && !readsSuspended && pending.position() == 0 && open) {
                inputEndDelivered = true;
                h.onInputClosed();
            }
        } finally {
            delivering = false;
        }
    }

    /** The input is over: the handler is closed once, and the bytes it never got are returned (their count). */
    private int closeInput() {
        int dropped = pending.position();
        pending = ByteBuffer.allocate(0);
        ConnectionHandler h = handler;
        handler = null;
        if (h != null) {
            h.onClosed();
        }
        return dropped;
    }

    // ------------------------------------------------------------------------------------------ UpgradeStream

    @Override
    public void respond(int status, List<Header> headers, boolean endStream) throws IOException {
        Outgoing part = new Outgoing(ResponseFields.of(headers, settings.defaults()), status, EMPTY, endStream, null);
        hand(part);
        responded = true;
    }

    private void hand(Outgoing part) throws IOException {
        try {
            if (!parts.submit(part, () -> transport.execute(() -> connection.pump(this)))) {
                throw new ConnectionClosedException("HTTP/2 stream " + id + " closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to HTTP/2 stream " + id);
        }
    }

    // ------------------------------------------------------------------------------------------ Transport

    @Override
    public @Nullable SocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    @Override
    public @Nullable SocketAddress localAddress() {
        return transport.localAddress();
    }

    @Override
    public boolean isTls() {
        return transport.isTls();
    }

    @Override
    public @Nullable SSLSession tlsSession() {
        return transport.tlsSession();
    }

    @Override
    public @Nullable String applicationProtocol() {
        return transport.applicationProtocol();
    }

    @Override
    public boolean tlsAtProxy() {
        return transport.tlsAtProxy();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public long nanoTime() {
        return transport.nanoTime();
    }

    @Override
    public void replaceHandler(ConnectionHandler next) {
        handler = next;
        deliver();
    }

    @Override
    public void suspendReads() {
        readsSuspended = true;
    }

    @Override
    public void resumeReads() {
        readsSuspended = false;
        deliver();
    }

    @Override
    public void execute(Runnable task) {
        transport.execute(task);
    }

    @Override
    public ThreadFactory virtualThreads() {
        return transport.virtualThreads();
    }

    /** As DATA on the stream, after the response head, within the client's windows. */
    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        if (!responded) {
            throw new IllegalStateException("HTTP/2 stream " + id + ": data before the response head");
        }
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                hand(new Outgoing(null, 0, b, false, null));
            }
        }
    }

    /**
     * Writes nothing: a stream's bytes go out in order through the loop's pump, within windows only the loop sees, so
     * {@link #write} always finishes them.
     */
    @Override
    public boolean tryWrite(ByteBuffer[] buffers) {
        return false;
    }

    /** Resets the stream (CANCEL). */
    @Override
    public void close() {
        transport.execute(() -> {
            if (open) {
                connection.resetStream(id);
                fail();
            }
        });
    }

    /** Ends the stream after what was written (END_STREAM); the handler sees no more input. */
    @Override
    public void closeGracefully() {
        transport.execute(() -> {
            if (!open) {
                return;
            }
            if (responded && parts.outgoing() == null) {
                connection.endStream(id);
            } else {
                connection.resetStream(id); // nothing answered yet, or a part cut short: no orderly end possible
            }
            fail();
        });
    }
}
