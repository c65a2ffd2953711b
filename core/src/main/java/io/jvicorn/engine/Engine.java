package io.jvicorn.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Listeners plus N selector loops. Each listener has one platform thread blocked in {@code accept()}; accepted sockets
 * go round-robin to the loops, which own them from then on.
 */
public final class Engine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final SelectorLoop[] loops;
    private final ConnectionCounter counter = new ConnectionCounter();
    private final List<ServerSocketChannel> listeners = new CopyOnWriteArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final int backlog;
    private int nextLoop;
    private volatile boolean started;

    /**
     * @param loopCount number of selector loops
     * @param backlog   listen backlog
     * @param factory   creates a handler per connection
     * @param onTick    runs on the first loop at every tick (about ten times a second), or null
     */
    public Engine(int loopCount, int backlog, ConnectionHandlerFactory factory, @Nullable Runnable onTick) {
        if (loopCount < 1) {
            throw new IllegalArgumentException("loopCount must be at least 1");
        }
        this.backlog = backlog;
        this.loops = new SelectorLoop[loopCount];
        for (int i = 0; i < loopCount; i++) {
            loops[i] = new SelectorLoop("jvicorn-loop-" + i, factory, counter, TICK_NANOS, i == 0 ? onTick : null);
        }
    }

    /**
     * Binds a listening socket. Call before {@link #start()}.
     *
     * @param address the address; port 0 picks a free port
     * @return the bound address
     * @throws IOException if binding fails (address in use, not available...)
     */
    public InetSocketAddress bind(InetSocketAddress address) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, backlog);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        listeners.add(server);
        return (InetSocketAddress) server.getLocalAddress();
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
        for (ServerSocketChannel server : listeners) {
            Thread acceptor = Thread.ofPlatform().name("jvicorn-accept").daemon(true).start(() -> accept(server));
            acceptors.add(acceptor);
        }
    }

    private void accept(ServerSocketChannel server) {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                SelectorLoop loop = loops[nextLoop];
                nextLoop = (nextLoop + 1) % loops.length;
                loop.adopt(channel);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // Typically "too many open files": back off briefly instead of spinning on the error.
                LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.getMessage());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    /** @return the bound addresses */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ServerSocketChannel server : listeners) {
            try {
                out.add((InetSocketAddress) server.getLocalAddress());
            } catch (IOException e) {
                // closed: not listening any more
            }
        }
        return out;
    }

    /** @return the number of open connections */
    public int connectionCount() {
        return counter.open();
    }

    /** Closes the listening sockets: new connections are refused from now on. */
    public void stopAccepting() {
        for (ServerSocketChannel server : listeners) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "listener close failed: {0}", e.getMessage());
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
