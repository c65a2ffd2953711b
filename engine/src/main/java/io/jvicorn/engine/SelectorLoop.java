package io.jvicorn.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A selector on a platform thread (a selector on a virtual thread would pin its carrier). It owns its connections: it
 * reads them, runs tasks other threads hand it, and ticks their timers a few times a second. One shared read buffer
 * per loop, so an idle connection holds no buffer of its own.
 */
public final class SelectorLoop {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int TLS_PLAIN_BUFFER_BYTES = 64 * 1024;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private @Nullable ByteBuffer tlsPlainBuffer;
    private final Set<Connection> connections = new HashSet<>();
    private final ConnectionHandlerFactory factory;
    private final ConnectionCounter counter;
    private final long tickNanos;
    private final @Nullable Runnable onTick;
    private final LongSupplier nanoClock;
    private volatile boolean running = true;

    SelectorLoop(String name, ConnectionHandlerFactory factory, ConnectionCounter counter, long tickNanos,
                 @Nullable Runnable onTick) {
        this(name, factory, counter, tickNanos, onTick, System::nanoTime);
    }

    /** As the other constructor, with the clock for ticks and deadlines ({@link System#nanoTime()} but in tests). */
    SelectorLoop(String name, ConnectionHandlerFactory factory, ConnectionCounter counter, long tickNanos,
                 @Nullable Runnable onTick, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.factory = factory;
        this.counter = counter;
        this.tickNanos = tickNanos;
        this.onTick = onTick;
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** @return the loop's clock, in nanoseconds: what ticks carry and deadlines are measured on */
    long nanoTime() {
        return nanoClock.getAsLong();
    }

    /** @return whether the caller runs on this loop's thread */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code task} on the loop thread soon; wakes the selector only when it may be asleep.
     *
     * @param task the task
     */
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * Hands a freshly accepted socket to this loop.
     *
     * @param channel the socket
     * @param tcp     whether it is a TCP socket (which gets TCP_NODELAY) rather than a unix socket
     * @param tls     creates its TLS engine, or null for plaintext
     */
    void adopt(SocketChannel channel, boolean tcp, @Nullable TlsEngineFactory tls) {
        // Counted from now, not from its registration on the loop: a graceful shutdown that finds no connection
        // must not stop the loops while an accepted one (its client's request already sent) waits in the task queue.
        counter.opened();
        execute(() -> register(channel, tcp, tls));
    }

    private void register(SocketChannel channel, boolean tcp, @Nullable TlsEngineFactory tls) {
        if (!running) {
            closeQuietly(channel);
            counter.closed();
            return;
        }
        try {
            channel.configureBlocking(false);
            if (tcp) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            Connection connection = new Connection(channel, this, tls == null ? null : tls.newEngine());
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ, connection);
            connection.attach(key, factory.create(connection));
            connections.add(connection);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not register an accepted connection: {0}", e.toString());
            closeQuietly(channel);
            counter.closed();
        }
    }

    /**
     * The loop's buffer for TLS plaintext handed to handlers (like the read buffer, valid during one {@code onData}).
     *
     * @param minBytes the least capacity needed
     * @return the buffer, allocated at first use
     */
    ByteBuffer tlsPlainBuffer(int minBytes) {
        ByteBuffer b = tlsPlainBuffer;
        if (b == null || b.capacity() < minBytes) {
            b = ByteBuffer.allocate(Math.max(minBytes, TLS_PLAIN_BUFFER_BYTES));
            tlsPlainBuffer = b;
        }
        return b;
    }

    void forget(Connection connection) {
        if (connections.remove(connection)) {
            counter.closed();
        }
    }

    /** Asks every connection to shut down gracefully. */
    void shutdownConnections() {
        execute(() -> forEachConnection(Connection::shutdown, "shutdown"));
    }

    /** Cancels every connection's work. */
    void cancelConnections() {
        execute(() -> forEachConnection(Connection::cancel, "cancel"));
    }

    /** Runs {@code action} on every connection; one that throws is closed, and the others still get theirs. */
    private void forEachConnection(Consumer<Connection> action, String what) {
        for (Connection c : new ArrayList<>(connections)) {
            try {
                action.accept(c);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, what + " failed; closing the connection", e);
                c.closeNow();
            }
        }
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void run() {
        long nextTick = nanoTime() + tickNanos;
        while (running) {
            try {
                long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - nanoTime()));
                if (tasks.isEmpty()) {
                    selector.select(waitMillis);
                } else {
                    selector.selectNow();
                }
                wakeupPending.set(false);
                processSelectedKeys();
                runTasks();
                long now = nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + tickNanos;
                    tick(now);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "selector loop error", e);
            }
        }
        for (Connection c : new ArrayList<>(connections)) {
            c.closeNow();
        }
        runTasks();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "selector close failed: {0}", e.getMessage());
        }
    }

    private void processSelectedKeys() {
        Set<SelectionKey> selected = selector.selectedKeys();
        if (selected.isEmpty()) {
            return;
        }
        Iterator<SelectionKey> it = selected.iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid()) {
                continue;
            }
            Connection c = (Connection) key.attachment();
            try {
                c.onReady(key.readyOps(), readBuffer);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "connection handler failed; closing the connection", e);
                c.closeNow();
            }
        }
    }

    private void runTasks() {
        // Bounded so that a task which enqueues another cannot starve the selector.
        for (int i = tasks.size(); i > 0; i--) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "loop task failed", e);
            }
        }
    }

    private void tick(long now) {
        if (onTick != null) {
            onTick.run();
        }
        if (connections.isEmpty()) {
            return;
        }
        for (Connection c : new ArrayList<>(connections)) {
            try {
                c.tick(now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "timer check failed; closing the connection", e);
                c.closeNow();
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing to do: the socket is being dropped.
        }
    }
}
