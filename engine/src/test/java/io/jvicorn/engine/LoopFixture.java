package io.jvicorn.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One {@link SelectorLoop} on a {@link TestClock}, fed by a loopback listener the test accepts on itself: each
 * {@link #connect()} makes a real TCP connection and hands the accepted socket to the loop, as the engine's acceptor
 * does. The clock moves only through {@link #advance}, so ticks and the linger deadline happen when a test says so.
 */
final class LoopFixture implements AutoCloseable {
    /** Generous: the machine is shared and may be loaded; no test waits this long unless it fails. */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The loop's tick period on the test clock. */
    static final Duration TICK = Duration.ofMillis(100);

    final TestClock clock = new TestClock();
    final ConnectionCounter counter = new ConnectionCounter();
    final AtomicInteger loopTicks = new AtomicInteger();
    final SelectorLoop loop;
    private final ServerSocketChannel server;
    private final @Nullable TlsEngineFactory tls;
    private final BlockingQueue<RecordingHandler> created = new LinkedBlockingQueue<>();
    private final List<RecordingHandler> handlers = new ArrayList<>();
    private final List<Socket> clients = new ArrayList<>();

    LoopFixture(Function<Connection, ? extends RecordingHandler> handlerFactory) throws IOException {
        this(handlerFactory, null);
    }

    LoopFixture(Function<Connection, ? extends RecordingHandler> handlerFactory, @Nullable TlsEngineFactory tls)
            throws IOException {
        this.tls = tls;
        this.loop = new SelectorLoop("test-loop", connection -> {
            RecordingHandler h = handlerFactory.apply((Connection) connection); // the engine creates Connections
            created.add(h);
            return h;
        }, counter, TICK.toNanos(), loopTicks::incrementAndGet, false, clock);
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        loop.start();
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    /** A connected client and the handler of its server side. */
    record Peer(Socket client, RecordingHandler handler) {
        Connection connection() {
            return handler.connection;
        }

        void send(byte[] bytes) throws IOException {
            client.getOutputStream().write(bytes);
            client.getOutputStream().flush();
        }

        InputStream in() throws IOException {
            return client.getInputStream();
        }
    }

    Peer connect() throws Exception {
        return connect(socket -> { });
    }

    /** @param configure runs on the client socket before it connects (buffer sizes...) */
    Peer connect(Consumer<Socket> configure) throws Exception {
        Socket client = new Socket();
        configure.accept(client);
        client.setSoTimeout((int) PATIENCE.toMillis());
        client.connect(address());
        return adopt(client);
    }

    /** A client on a blocking {@link SocketChannel} (its reads have no timeout: use a JUnit timeout). */
    record ChannelPeer(SocketChannel client, RecordingHandler handler) {
        Connection connection() {
            return handler.connection;
        }
    }

    ChannelPeer connectChannel() throws Exception {
        SocketChannel client = SocketChannel.open(address());
        Peer p = adopt(client.socket());
        return new ChannelPeer(client, p.handler());
    }

    /** Accepts the server side of {@code client} (already connecting or connected) and hands it to the loop. */
    Peer adopt(Socket client) throws Exception {
        clients.add(client);
        SocketChannel accepted = server.accept();
        loop.adopt(accepted, true, tls);
        RecordingHandler h = created.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(h, "the loop created no handler for the accepted connection");
        handlers.add(h);
        return new Peer(client, h);
    }

    /** Accepts the server side of {@code client} and hands it to the loop without waiting for its registration. */
    void handOver(Socket client) throws IOException {
        clients.add(client);
        loop.adopt(server.accept(), true, tls);
    }

    /**
     * Connects a client whose connection starts with a preface: no handler exists until the preface passed, so this
     * returns the client only; {@link #nextHandler()} waits for the handler.
     */
    Socket connectWithPreface(SelectorLoop.PrefaceSetup prefaces) throws Exception {
        Socket client = new Socket();
        client.setSoTimeout((int) PATIENCE.toMillis());
        client.connect(address());
        clients.add(client);
        loop.adopt(server.accept(), true, tls, prefaces);
        return client;
    }

    /** @return the next handler the loop creates, waiting for it */
    RecordingHandler nextHandler() throws InterruptedException {
        RecordingHandler h = created.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(h, "the loop created no handler");
        handlers.add(h);
        return h;
    }

    /** @return whether the loop has created a handler not yet taken by {@link #nextHandler()} */
    boolean handlerCreated() {
        return !created.isEmpty();
    }

    /** Waits until the loop has run every task queued before this call, and one more iteration. */
    void roundTrip() throws Exception {
        onLoop(() -> null);
    }

    /** Runs {@code task} on the loop thread and returns its result. */
    <T> T onLoop(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Moves the test clock and waits until the loop has ticked at the new time (handlers' onTick included). */
    void advance(Duration by) throws Exception {
        if (by.compareTo(TICK) < 0) {
            throw new IllegalArgumentException("advance by at least one tick period: " + by);
        }
        int before = loopTicks.get();
        clock.advance(by);
        loop.execute(() -> { }); // wake the selector: it ticks after running its tasks
        await().atMost(PATIENCE).until(() -> loopTicks.get() > before);
        roundTrip(); // the loop's onTick runs first; this lets the connections' ticks of the same pass finish
    }

    @Override
    public void close() throws IOException {
        loop.stop();
        try {
            loop.join(PATIENCE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        for (Socket c : clients) {
            c.close();
        }
        for (RecordingHandler h : handlers) {
            assertEquals(List.of(), h.offLoop, "handler callbacks must run on the loop thread");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Deterministic pseudo-random bytes. */
    static byte[] payload(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        assertEquals(n, b.length, "the stream ended early");
        return b;
    }

    /** A write on a virtual thread of its own, as an application writes. */
    record Writer(Thread thread, CompletableFuture<Void> done) {
        /** Waits until the writer is parked (waiting for the socket to drain), and checks it has not finished. */
        void awaitParked() {
            await().atMost(PATIENCE).until(() -> parkedByConnection(thread) || done.isDone());
            if (done.isDone()) {
                throw new AssertionError("the write completed without waiting: " + done);
            }
        }

        Throwable failure() throws Exception {
            try {
                done.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                return e.getCause();
            }
            throw new AssertionError("the write succeeded");
        }

        void join() throws Exception {
            done.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether {@code t} is parked by the connection's writer itself (waiting for the socket), not on some lock. */
    static boolean parkedByConnection(Thread t) {
        if (t.getState() != Thread.State.WAITING) {
            return false;
        }
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i + 1 < stack.length; i++) {
            if (stack[i].getClassName().equals("java.util.concurrent.locks.LockSupport")
                    && stack[i].getMethodName().equals("park")
                    && !stack[i + 1].getClassName().equals("java.util.concurrent.locks.LockSupport")) {
                return stack[i + 1].getClassName().equals(SocketWriter.class.getName());
            }
        }
        return false;
    }

    static Writer write(Connection connection, ByteBuffer... buffers) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().name("test-writer").start(() -> {
            try {
                connection.write(buffers);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return new Writer(t, done);
    }

    static void writeUnchecked(Connection connection, byte[] bytes) {
        try {
            connection.write(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
