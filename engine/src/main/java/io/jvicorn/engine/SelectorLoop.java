package io.jvicorn.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A selector on a platform thread (a selector on a virtual thread would pin its carrier). It owns its connections: it
 * reads them, runs tasks other threads hand it, and ticks their timers a few times a second. One shared read buffer
 * per loop, so an idle connection holds no buffer of its own.
 *
 * <p>An error thrown by one connection's handler or task (a {@code NoClassDefFoundError}, a {@code StackOverflowError}) is
 * logged and closes that connection; it must not end the loop, whose other connections would then hang unanswered.
 *
 * <p>It may also carry its connections' virtual threads ({@link LoopCarriers}): their continuations queue here and run
 * after the loop has read what is ready, so a request read in one pass runs on the same thread right after, with no
 * hand-off to another. A thread that something else wakes (a database socket, a timer) runs on a pool until it waits
 * for its loop again ({@link #carry}).
 */
public final class SelectorLoop {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int TLS_PLAIN_BUFFER_BYTES = 64 * 1024;

    private static final ThreadFactory POOL_THREADS = Thread.ofVirtual().inheritInheritableThreadLocals(false).factory();

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Continuations of the virtual threads this loop carries, queued by the loop's own thread ({@link #carry}). */
    private final ArrayDeque<Runnable> continuations = new ArrayDeque<>();
    private final ThreadFactory virtualThreads;
    /** Whether the loop may be blocked in select: then a new task must wake it. */
    private volatile boolean selecting;
    /** False once the loop ended: continuations go to the off-loop pool then, so none is stranded. Loop thread. */
    private boolean carrying = true;
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /**
     * On the heap, not direct: the HTTP/1.1 parser scans a request head in place in a heap buffer, where a direct one
     * made it copy every head into an array of its own (allocated per request). The JDK reads through its cached
     * direct buffer and copies the bytes read, which costs the same copy and no allocation.
     */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private @Nullable ByteBuffer tlsPlainBuffer;
    private final Set<Connection> connections = new HashSet<>();
    private final ConnectionHandlerFactory factory;
    private final ConnectionCounter counter;
    private final long tickNanos;
    private final @Nullable Runnable onTick;
    private final LongSupplier nanoClock;
    private volatile boolean running = true;

    /**
     * @param carryVirtualThreads whether this loop's thread carries its connections' virtual threads (when
     *                            {@link LoopCarriers#available()}; otherwise the JDK's scheduler does)
     */
    SelectorLoop(String name, ConnectionHandlerFactory factory, ConnectionCounter counter, long tickNanos,
                 @Nullable Runnable onTick, boolean carryVirtualThreads) {
        this(name, factory, counter, tickNanos, onTick, carryVirtualThreads, System::nanoTime);
    }

    /** As the other constructor, with the clock for ticks and deadlines ({@link System#nanoTime()} but in tests). */
    SelectorLoop(String name, ConnectionHandlerFactory factory, ConnectionCounter counter, long tickNanos,
                 @Nullable Runnable onTick, boolean carryVirtualThreads, LongSupplier nanoClock) {
        this(name, factory, counter, tickNanos, onTick, carryVirtualThreads, nanoClock, null);
    }

    /**
     * As the other constructors.
     *
     * @param applicationThreads a caller's factory for the connections' threads, used instead of virtual threads
     *                           (then {@code carryVirtualThreads} is moot), or null
     */
    SelectorLoop(String name, ConnectionHandlerFactory factory, ConnectionCounter counter, long tickNanos,
                 @Nullable Runnable onTick, boolean carryVirtualThreads, LongSupplier nanoClock,
                 @Nullable ThreadFactory applicationThreads) {
        this.nanoClock = nanoClock;
        ThreadFactory carried = applicationThreads == null && carryVirtualThreads
                ? LoopCarriers.factory(this::carry) : null;
        this.virtualThreads = applicationThreads != null ? applicationThreads
                : carried != null ? carried : POOL_THREADS;
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
        wakeIfSelecting();
    }

    private void wakeIfSelecting() {
        // Paired with run(): it sets `selecting` before it looks at the queues, we look at `selecting` after adding.
        if (selecting && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** @return the factory of virtual threads for this loop's connections: carried by this loop, or by the JDK's pool */
    ThreadFactory virtualThreads() {
        return virtualThreads;
    }

    /**
     * The scheduler of the virtual threads this loop carries. A thread started or woken by what runs on this loop (its
     * connections' events, another thread the loop carries) queues here and runs after the loop's reads, with no
     * hand-off. One woken by anything else (the JDK's poller when a database answers, a timer, another pool's thread)
     * runs on {@link LoopCarriers#offLoopCarriers()} until it next waits for its loop: it neither waits behind the
     * loop's connections nor wakes the loop. Queued here, such threads made the one loop thread do all the database
     * work: with JDBC at 256 connections (single query, 1 loop) this took 19.4k req/s at a p99 of 20 ms to 24k-27k at
     * 15-18 ms.
     */
    private void carry(Runnable continuation) {
        if (carrying && LoopCarriers.currentCarrier() == thread) {
            continuations.add(continuation);
        } else {
            LoopCarriers.offLoopCarriers().execute(continuation); // woken elsewhere, or by the ending loop's last work
        }
    }

    private void handContinuationsToPool() {
        Runnable c;
        while ((c = continuations.poll()) != null) {
            LoopCarriers.offLoopCarriers().execute(c);
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
        adopt(channel, tcp, tls, null);
    }

    /**
     * Hands a freshly accepted socket to this loop.
     *
     * @param channel  the socket
     * @param tcp      whether it is a TCP socket (which gets TCP_NODELAY) rather than a unix socket
     * @param tls      creates its TLS engine, or null for plaintext
     * @param prefaces makes the preface it starts with, and says how long it may take; null for none
     */
    void adopt(SocketChannel channel, boolean tcp, @Nullable TlsEngineFactory tls, @Nullable PrefaceSetup prefaces) {
        // Counted from now, not from its registration on the loop: a graceful shutdown that finds no connection
        // must not stop the loops while an accepted one (its client's request already sent) waits in the task queue.
        counter.opened();
        execute(() -> register(channel, tcp, tls, prefaces));
    }

    /**
     * How connections start before their protocol.
     *
     * @param factory      makes each connection's preface
     * @param timeoutNanos how long after the accept it must be done
     */
    record PrefaceSetup(ConnectionPreface.Factory factory, long timeoutNanos) {
    }

    private void register(SocketChannel channel, boolean tcp, @Nullable TlsEngineFactory tls,
                          @Nullable PrefaceSetup prefaces) {
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
            ConnectionPreface preface = prefaces == null ? null
                    : prefaces.factory().create(connection.remoteAddress(), connection.localAddress());
            if (preface == null) {
                connection.attach(key, factory.create(connection));
            } else {
                connection.attach(key, preface, nanoTime() + prefaces.timeoutNanos(), factory);
            }
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
            } catch (RuntimeException | Error e) {
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
                selecting = true;
                if (tasks.isEmpty() && continuations.isEmpty()) {
                    selector.select(waitMillis);
                } else {
                    selector.selectNow();
                }
                selecting = false;
                wakeupPending.set(false);
                processSelectedKeys();
                runTasks();
                runContinuations();
                long now = nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + tickNanos;
                    tick(now);
                }
            } catch (IOException | RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "selector loop error", e);
            }
        }
        for (Connection c : new ArrayList<>(connections)) {
            c.closeNow();
        }
        runTasks();
        carrying = false;
        handContinuationsToPool();
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
            } catch (RuntimeException | Error e) {
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
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "loop task failed", e);
            }
        }
    }

    /** Runs the virtual threads that became ready, each until it blocks or ends; bounded like {@link #runTasks}. */
    private void runContinuations() {
        for (int i = continuations.size(); i > 0; i--) {
            Runnable continuation = continuations.poll();
            if (continuation == null) {
                return;
            }
            continuation.run(); // the JDK's continuation runner handles the thread's own exceptions
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
            } catch (RuntimeException | Error e) {
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
