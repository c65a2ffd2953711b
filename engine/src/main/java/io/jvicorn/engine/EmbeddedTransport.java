package io.jvicorn.engine;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * A connection in memory, for testing protocol handlers without sockets or real time (what Netty's
 * {@code EmbeddedChannel} and Jetty's {@code LocalConnector} are). The test plays the peer: {@link #send} delivers
 * bytes, {@link #shutdownInput()} a half-close, {@link #reset()} a reset; {@link #takeOutput()} reads what the handler
 * wrote; {@link #advance(Duration)} moves the clock and ticks the handler.
 *
 * <p>As on a {@link SelectorLoop}, every handler method runs on one loop thread (a platform thread of this transport's
 * own); the test's calls hand their work to it and return once it is done, so after {@code send} the handler has seen
 * the bytes. Application threads may write concurrently: {@link #write} parks them while the "socket" is full (see
 * {@link #limitOutput(int)}) until the test takes output. Input sent while reads are suspended waits, like bytes in a
 * socket's receive buffer, and arrives in order once reads resume.
 *
 * <p>{@link #closeGracefully()} behaves as the socket's: output ends ({@link #isOutputShutdown()}), later input is
 * discarded, and the connection closes when the peer ends its input or the linger time passes on the clock.
 */
public final class EmbeddedTransport implements Transport {
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long CALL_TIMEOUT_SECONDS = 30;
    private static final ThreadFactory POOL_THREADS = Thread.ofVirtual().inheritInheritableThreadLocals(false).factory();

    private final ExecutorService loop;
    private volatile @Nullable Thread loopThread;
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final @Nullable SocketAddress remote;
    private final @Nullable SocketAddress local;

    // Loop thread only.
    private @Nullable ConnectionHandler handler;
    private final ArrayDeque<ByteBuffer> inbound = new ArrayDeque<>();
    private boolean inputEnded;
    private boolean inputEndDelivered;
    private boolean readsSuspended;
    private long lingerDeadline;

    private final EmbeddedOutput output = new EmbeddedOutput();
    private volatile boolean closed;
    private volatile boolean outputShutdown;

    /**
     * Creates the transport and its handler (on the loop thread, as a {@link SelectorLoop} does).
     *
     * @param remote  the peer's address to report
     * @param local   the local address to report
     * @param handler creates the handler for this transport
     */
    public EmbeddedTransport(@Nullable SocketAddress remote, @Nullable SocketAddress local,
                             Function<Transport, ConnectionHandler> handler) {
        this.remote = remote;
        this.local = local;
        this.loop = Executors.newSingleThreadExecutor(r -> {
            Thread t = Thread.ofPlatform().name("embedded-loop").daemon(true).unstarted(r);
            loopThread = t;
            return t;
        });
        onLoop(() -> this.handler = handler.apply(this));
    }

    // ------------------------------------------------------------------ the test's side (the peer)

    /**
     * The peer sends bytes; returns once the handler has seen them (or, with reads suspended, once they wait).
     *
     * @param bytes the bytes
     */
    public void send(byte[] bytes) {
        onLoop(() -> {
            if (closed || inputEnded) {
                return;
            }
            inbound.add(ByteBuffer.wrap(bytes.clone()));
            deliverInput();
        });
    }

    /**
     * Sends the ISO-8859-1 bytes of {@code text}; see {@link #send(byte[])}.
     *
     * @param text the text
     */
    public void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The peer shuts down its sending side (a half-close): the handler sees end of input after the bytes before it. */
    public void shutdownInput() {
        onLoop(() -> {
            inputEnded = true;
            deliverInput();
        });
    }

    /** The peer resets the connection: it closes at once, unsent output is lost. */
    public void reset() {
        onLoop(this::closeNow);
    }

    /**
     * Moves the clock forward and runs one timer tick, as the selector loop does several times a second.
     *
     * @param time how far
     */
    public void advance(Duration time) {
        long now = clock.addAndGet(time.toNanos());
        onLoop(() -> {
            if (lingerDeadline != 0) {
                if (now - lingerDeadline >= 0) {
                    closeNow();
                }
                return;
            }
            ConnectionHandler h = handler;
            if (h != null && !closed) {
                h.onTick(now);
            }
        });
    }

    /** The server shuts down gracefully ({@link ConnectionHandler#onShutdown()}). */
    public void shutdown() {
        onLoop(() -> {
            ConnectionHandler h = handler;
            if (h != null && !closed) {
                h.onShutdown();
            }
        });
    }

    /** The graceful shutdown timed out ({@link ConnectionHandler#onCancel()}). */
    public void cancel() {
        onLoop(() -> {
            ConnectionHandler h = handler;
            if (h != null && !closed) {
                h.onCancel();
            }
        });
    }

    /** Waits until the loop has run every task handed to it before this call, including tasks of other threads. */
    public void runPendingTasks() {
        onLoop(() -> { });
    }

    /**
     * The peer reads: everything written so far, removed from the transport (which frees room for parked writers).
     *
     * @return the bytes
     */
    public byte[] takeOutput() {
        return output.take();
    }

    /** @return {@link #takeOutput()} as ISO-8859-1 text */
    public String takeOutputText() {
        return new String(takeOutput(), StandardCharsets.ISO_8859_1);
    }

    /**
     * Makes the "socket" full once this many bytes are written and not yet taken: writers park, {@link #tryWrite}
     * writes what fits.
     *
     * @param bytes the capacity
     */
    public void limitOutput(int bytes) {
        output.limit(bytes);
    }

    /** @return whether the handler closed its output ({@link #closeGracefully()}) or the connection is closed */
    public boolean isOutputShutdown() {
        return outputShutdown || closed;
    }

    /** @return whether reads are suspended now; read on the loop thread, so it reflects every task so far */
    public boolean readsSuspended() {
        return callOnLoop(() -> readsSuspended);
    }

    /** @return the number of sent bytes the handler has not been given yet (reads suspended) */
    public int unreadInput() {
        return callOnLoop(() -> inbound.stream().mapToInt(ByteBuffer::remaining).sum());
    }

    /** Closes the connection if it is open, then stops the loop thread. */
    public void dispose() {
        if (!loop.isShutdown()) {
            onLoop(this::closeNow);
            loop.shutdown();
        }
    }

    // ------------------------------------------------------------------ the handler's side (Transport)

    @Override
    public @Nullable SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public @Nullable SocketAddress localAddress() {
        return local;
    }

    @Override
    public boolean isTls() {
        return false;
    }

    @Override
    public @Nullable SSLSession tlsSession() {
        return null;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public long nanoTime() {
        return clock.get();
    }

    @Override
    public void replaceHandler(ConnectionHandler next) {
        requireLoop();
        handler = next;
    }

    @Override
    public void suspendReads() {
        requireLoop();
        readsSuspended = true;
    }

    @Override
    public void resumeReads() {
        requireLoop();
        if (readsSuspended) {
            readsSuspended = false;
            loop.execute(this::deliverInput); // as a selector: the next readiness, not inside this call
        }
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    /** @return virtual threads on the JDK's scheduler (this transport's loop carries none) */
    @Override
    public ThreadFactory virtualThreads() {
        return POOL_THREADS;
    }

    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        if (Thread.currentThread() == loopThread) {
            throw new IllegalStateException("write parks; the loop thread must use tryWrite");
        }
        output.write(buffers);
    }

    @Override
    public boolean tryWrite(ByteBuffer[] buffers) throws IOException {
        return output.tryWrite(buffers);
    }

    @Override
    public void close() {
        onLoopSoon(this::closeNow);
    }

    @Override
    public void closeGracefully() {
        onLoopSoon(this::lingerThenClose);
    }

    // ------------------------------------------------------------------ internals

    /** As a {@link Connection}: at once on the loop thread, as a task from any other. */
    private void onLoopSoon(Runnable task) {
        if (Thread.currentThread() == loopThread) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    private void lingerThenClose() {
        if (closed || lingerDeadline != 0) {
            return;
        }
        outputShutdown = true;
        output.shutDown();
        lingerDeadline = clock.get() + LINGER_NANOS;
        inbound.clear();
        if (inputEnded) {
            closeNow();
        }
    }

    private void deliverInput() {
        ConnectionHandler h = handler;
        while (h != null && !closed && !readsSuspended && lingerDeadline == 0 && !inbound.isEmpty()) {
            h.onData(inbound.poll());
            h = handler; // an upgrade may have replaced it
        }
        if (lingerDeadline != 0) {
            inbound.clear(); // read and discarded
            if (inputEnded) {
                closeNow();
            }
            return;
        }
        if (h != null && !closed && !readsSuspended && inbound.isEmpty() && inputEnded && !inputEndDelivered) {
            inputEndDelivered = true;
            h.onInputClosed();
        }
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        output.close();
        ConnectionHandler h = handler;
        if (h != null) {
            h.onClosed();
        }
    }

    private void requireLoop() {
        if (Thread.currentThread() != loopThread) {
            throw new IllegalStateException("loop thread only");
        }
    }

    private void onLoop(Runnable task) {
        callOnLoop(() -> {
            task.run();
            return null;
        });
    }

    private <T> T callOnLoop(Callable<T> task) {
        if (Thread.currentThread() == loopThread) {
            throw new IllegalStateException("the test's calls must not run on the loop thread");
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                done.complete(task.call());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            return done.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the loop task failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the loop thread is stuck", e);
        }
    }
}
