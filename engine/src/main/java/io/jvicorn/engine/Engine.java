package io.jvicorn.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Listeners plus N selector loops. Each listener has one platform thread blocked in {@code accept()} (or, for an
 * adopted socket, waiting in a selector of its own); accepted sockets go round-robin to the loops, which own them from
 * then on.
 *
 * <p>A listener is a TCP address (IPv4 or IPv6), a unix socket path, or a listening channel inherited from the parent
 * process; each may carry TLS.
 */
public final class Engine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final SelectorLoop[] loops;
    private final ConnectionCounter counter = new ConnectionCounter();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final int backlog;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private volatile boolean started;
    private volatile boolean reusePort;
    private volatile SelectorLoop.@Nullable PrefaceSetup prefaces;
    /** Set by {@link #stopAccepting()}; read by the acceptors of adopted sockets. */
    private volatile boolean acceptingStopped;

    /**
     * @param loopCount number of selector loops
     * @param backlog   listen backlog
     * @param factory   creates a handler per connection
     * @param onTick    runs on the first loop at every tick (about ten times a second), or null
     */
    public Engine(int loopCount, int backlog, ConnectionHandlerFactory factory, @Nullable Runnable onTick) {
        this(loopCount, backlog, factory, onTick, false);
    }

    /**
     * @param loopCount           number of selector loops
     * @param backlog             listen backlog
     * @param factory             creates a handler per connection
     * @param onTick              runs on the first loop at every tick (about ten times a second), or null
     * @param carryVirtualThreads whether each loop's thread carries its connections' virtual threads
     *                            ({@link Transport#virtualThreads()}), where {@link LoopCarriers#available()}
     */
    public Engine(int loopCount, int backlog, ConnectionHandlerFactory factory, @Nullable Runnable onTick,
                  boolean carryVirtualThreads) {
        this(loopCount, backlog, factory, onTick, carryVirtualThreads, null);
    }

    /**
     * @param loopCount           number of selector loops
     * @param backlog             listen backlog
     * @param factory             creates a handler per connection
     * @param onTick              runs on the first loop at every tick (about ten times a second), or null
     * @param carryVirtualThreads whether each loop's thread carries its connections' virtual threads
     *                            ({@link Transport#virtualThreads()}), where {@link LoopCarriers#available()}
     * @param applicationThreads  a caller's factory of the connections' threads instead of virtual threads (a
     *                            framework's own), or null
     */
    public Engine(int loopCount, int backlog, ConnectionHandlerFactory factory, @Nullable Runnable onTick,
                  boolean carryVirtualThreads, @Nullable ThreadFactory applicationThreads) {
        if (loopCount < 1) {
            throw new IllegalArgumentException("loopCount must be at least 1");
        }
        this.backlog = backlog;
        this.loops = new SelectorLoop[loopCount];
        for (int i = 0; i < loopCount; i++) {
            loops[i] = new SelectorLoop("jvicorn-loop-" + i, factory, counter, TICK_NANOS, i == 0 ? onTick : null,
                    carryVirtualThreads, System::nanoTime, applicationThreads);
        }
    }

    /**
     * Makes TCP listeners bound from now on share their port with other sockets that set {@code SO_REUSEPORT} (worker
     * processes of one supervisor); the kernel spreads new connections over them. Call before {@link #bind}.
     *
     * <p>Where the platform lacks {@code SO_REUSEPORT}, {@link #bind} then fails with
     * {@link UnsupportedOperationException}.
     *
     * @param on whether to set {@code SO_REUSEPORT}
     */
    public void reusePort(boolean on) {
        this.reusePort = on;
    }

    /**
     * Makes every connection accepted from now on start with a preface (the PROXY protocol's header), read before TLS
     * and before the protocol handler, which is created once it passed. Call before {@link #start()}.
     *
     * @param factory makes each connection's preface (or none, returning null)
     * @param timeout how long after the accept a preface must be done; the connection is closed then
     */
    public void preface(ConnectionPreface.Factory factory, Duration timeout) {
        this.prefaces = new SelectorLoop.PrefaceSetup(factory, timeout.toNanos());
    }

    /**
     * One listening socket: whether it is TCP, its TLS, and the unix socket file it created, if any.
     *
     * @param adopted the selector an adopted socket is accepted through, or null for a socket the engine bound (it
     *                blocks in {@code accept()} and is closed to stop)
     */
    private record Listener(ServerSocketChannel server, boolean tcp, @Nullable TlsEngineFactory tls,
                            @Nullable UnixSocketFile file, @Nullable Selector adopted) {
    }

    /**
     * Binds a plaintext TCP listening socket. Call before {@link #start()}.
     *
     * @param address the address; port 0 picks a free port
     * @return the bound address
     * @throws IOException if binding fails (address in use, not available...)
     */
    public InetSocketAddress bind(InetSocketAddress address) throws IOException {
        return (InetSocketAddress) bind(address, null);
    }

    /**
     * Binds a listening socket. Call before {@link #start()}.
     *
     * <p>A {@link UnixDomainSocketAddress} is bound as Uvicorn binds {@code --uds}: a stale socket file (nobody accepts
     * on it) is replaced, the file gets mode 0666 unless one already existed (then its mode is kept), and it is
     * removed when the engine stops accepting.
     *
     * @param address an {@link InetSocketAddress} (port 0 picks a free port) or a {@link UnixDomainSocketAddress}
     * @param tls     creates each connection's TLS engine, or null for plaintext
     * @return the bound address
     * @throws IOException if binding fails (address in use, not available, a live server on the unix socket...)
     */
    public SocketAddress bind(SocketAddress address, @Nullable TlsEngineFactory tls) throws IOException {
        if (address instanceof UnixDomainSocketAddress unix) {
            return bindUnix(unix, tls);
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort) {
                server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            server.bind(address, backlog);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        listeners.add(new Listener(server, true, tls, null, null));
        return server.getLocalAddress();
    }

    private SocketAddress bindUnix(UnixDomainSocketAddress address, @Nullable TlsEngineFactory tls) throws IOException {
        UnixSocketFile file = UnixSocketFile.prepare(address.getPath());
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(address, backlog);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        try {
            file.applyMode();
        } catch (IOException e) {
            server.close();
            file.delete();
            throw e;
        }
        listeners.add(new Listener(server, false, tls, file, null));
        return server.getLocalAddress();
    }

    /**
     * Listens on a socket that is already bound and listening, typically {@link System#inheritedChannel()} (systemd
     * socket activation, inetd, a reloader's socket). Call before {@link #start()}.
     *
     * <p>The engine stops accepting on it but leaves it open: it belongs to whoever passed it. Closing the JDK's
     * inherited channel would also point the process's standard input, output and error at {@code /dev/null}
     * ({@code sun.nio.ch.InheritedChannel} detaches them), and every line logged after it, the shutdown's included,
     * would be lost; and a socket shared with other processes (a reloader's) keeps queueing connections for them.
     *
     * @param server the listening channel
     * @param tls    creates each connection's TLS engine, or null for plaintext
     * @return its address
     * @throws IOException if it is not a bound, open listening channel
     */
    public SocketAddress adopt(ServerSocketChannel server, @Nullable TlsEngineFactory tls) throws IOException {
        SocketAddress address = server.getLocalAddress();
        if (address == null) {
            throw new IOException("the inherited socket is not bound to an address");
        }
        // Accepted through a selector, so that accepting can stop without closing the socket.
        Selector selector = Selector.open();
        try {
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        listeners.add(new Listener(server, address instanceof InetSocketAddress, tls, null, selector));
        return address;
    }

    /** Starts the loops and one acceptor thread per bound listener. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        for (SelectorLoop loop : loops) {
            loop.start();
        }
        for (Listener listener : listeners) {
            Runnable accepting = listener.adopted() != null ? () -> acceptAdopted(listener) : () -> accept(listener);
            Thread acceptor = Thread.ofPlatform().name("jvicorn-accept").daemon(true).start(accepting);
            acceptors.add(acceptor);
        }
    }

    private void accept(Listener listener) {
        ServerSocketChannel server = listener.server();
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                SelectorLoop loop = nextLoop();
                loop.adopt(channel, listener.tcp(), listener.tls(), prefaces);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // Typically "too many open files": back off briefly instead of spinning on the error.
                LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.getMessage());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    /** Accepts on an adopted socket until {@link #stopAccepting()} wakes its selector; leaves the socket open. */
    private void acceptAdopted(Listener listener) {
        ServerSocketChannel server = listener.server();
        Selector selector = java.util.Objects.requireNonNull(listener.adopted());
        try (selector) {
            while (!acceptingStopped && server.isOpen()) {
                selector.select();
                selector.selectedKeys().clear();
                SocketChannel channel;
                while (!acceptingStopped && (channel = acceptOrBackOff(server)) != null) {
                    nextLoop().adopt(channel, listener.tcp(), listener.tls(), prefaces);
                }
            }
        } catch (ClosedChannelException e) {
            // its owner closed it: nothing more to accept
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "accepting on {0} failed: {1}", listener.server(), e.getMessage());
        }
    }

    /** A non-blocking accept; null when none is waiting or the accept failed (logged, after a pause). */
    private static @Nullable SocketChannel acceptOrBackOff(ServerSocketChannel server) throws ClosedChannelException {
        try {
            return server.accept();
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.getMessage());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            return null;
        }
    }

    /** Round-robin over the loops; acceptor threads of several listeners share the counter. */
    private SelectorLoop nextLoop() {
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }

    /** @return the bound TCP addresses, in bind order */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (SocketAddress address : listenAddresses()) {
            if (address instanceof InetSocketAddress inet) {
                out.add(inet);
            }
        }
        return out;
    }

    /** @return every listening address (TCP and unix socket), in bind order; closed listeners are left out */
    public List<SocketAddress> listenAddresses() {
        List<SocketAddress> out = new ArrayList<>();
        for (Listener listener : listeners) {
            if (acceptingStopped && listener.adopted() != null) {
                continue; // open, but no longer this engine's
            }
            try {
                SocketAddress address = listener.server().getLocalAddress();
                if (address != null) {
                    out.add(address);
                }
            } catch (IOException e) {
                // closed: not listening any more
            }
        }
        return out;
    }

    /**
     * Proves the selector loops are alive: the returned future completes once every loop has run a task, so a
     * supervisor's health check fails for a process whose loops are stuck, not only for a dead one.
     *
     * @return completes when every loop has answered
     */
    public CompletableFuture<Void> probeLoops() {
        CompletableFuture<?>[] answers = new CompletableFuture<?>[loops.length];
        for (int i = 0; i < loops.length; i++) {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            loops[i].execute(() -> answer.complete(null));
            answers[i] = answer;
        }
        return CompletableFuture.allOf(answers);
    }

    /** @return the number of open connections */
    public int connectionCount() {
        return counter.open();
    }

    /**
     * Closes the listening sockets (and removes unix socket files): new connections are refused from now on. Adopted
     * sockets stay open (see {@link #adopt}); connections to them wait for another process or are reset when it
     * exits.
     */
    public void stopAccepting() {
        acceptingStopped = true;
        for (Listener listener : listeners) {
            Selector adopted = listener.adopted();
            if (adopted != null) {
                adopted.wakeup();
                continue;
            }
            boolean wasOpen = listener.server().isOpen();
            try {
                listener.server().close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "listener close failed: {0}", e.getMessage());
            }
            UnixSocketFile file = listener.file();
            if (file != null && wasOpen) {
                file.delete();
            }
        }
        for (Thread t : acceptors) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Asks every connection to close once its current work is done; idle ones close at once. */
    public void shutdownConnections() {
        for (SelectorLoop loop : loops) {
            loop.shutdownConnections();
        }
    }

    /**
     * Waits until every connection is closed.
     *
     * @param timeout how long to wait, or null to wait forever
     * @return true if all closed in time
     * @throws InterruptedException if interrupted
     */
    public boolean awaitConnectionsClosed(@Nullable Duration timeout) throws InterruptedException {
        return counter.awaitZero(timeout == null ? -1 : ConnectionCounter.toNanos(timeout));
    }

    /** Cancels every connection's work (the graceful deadline passed). */
    public void cancelConnections() {
        for (SelectorLoop loop : loops) {
            loop.cancelConnections();
        }
    }

    /** Stops the loops; any connection still open is closed. */
    @Override
    public void close() {
        stopAccepting();
        for (SelectorLoop loop : loops) {
            loop.stop();
        }
        for (SelectorLoop loop : loops) {
            try {
                loop.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
