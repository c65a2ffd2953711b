package io.jvicorn.engine;

import static io.jvicorn.engine.LoopFixture.PATIENCE;
import static io.jvicorn.engine.LoopFixture.readFully;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine as the server uses it: listeners, acceptors, loops, shutdown; TCP, TLS and unix sockets. */
class EngineTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final BlockingQueue<EchoHandler> handlers = new LinkedBlockingQueue<>();

    /** Echoes; closes when the client ends its output, or when the server shuts down. */
    private ConnectionHandlerFactory echo(boolean closeOnShutdown) {
        return c -> {
            EchoHandler h = new EchoHandler((Connection) c) {
                @Override
                void inputEnded() {
                    connection.close();
                }

                @Override
                void shutdown() {
                    if (closeOnShutdown) {
                        connection.close();
                    }
                }
            };
            handlers.add(h);
            return h;
        };
    }

    private EchoHandler nextHandler() throws InterruptedException {
        EchoHandler h = handlers.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(h, "no connection was accepted");
        return h;
    }

    private static Socket connect(SocketAddress address) throws IOException {
        Socket s = new Socket();
        s.setSoTimeout((int) PATIENCE.toMillis());
        s.connect(address);
        return s;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertEchoes(Socket s, String text) throws IOException {
        s.getOutputStream().write(ascii(text));
        assertArrayEquals(ascii(text), readFully(s.getInputStream(), text.length()));
    }

    @Test
    void atLeastOneLoop() {
        assertThrows(IllegalArgumentException.class, () -> new Engine(0, 16, echo(true), null));
    }

    @Test
    void acceptsOnTheBoundAddressAndSpreadsConnectionsOverTheLoops() throws Exception {
        try (Engine engine = new Engine(2, 64, echo(true), null)) {
            InetSocketAddress bound = engine.bind(LOOPBACK);
            assertNotEquals(0, bound.getPort());
            engine.start();
            assertEquals(List.of(bound), engine.localAddresses());
            assertEquals(List.of(bound), engine.listenAddresses());
            engine.probeLoops().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

            try (Socket a = connect(bound); Socket b = connect(bound)) {
                EchoHandler ha = nextHandler();
                EchoHandler hb = nextHandler();
                assertNotEquals(ha.connection.loop(), hb.connection.loop(), "round-robin over two loops");
                assertEchoes(a, "to a");
                assertEchoes(b, "to b");
                await().atMost(PATIENCE).until(() -> engine.connectionCount() == 2);
                a.shutdownOutput();
                b.shutdownOutput();
                assertTrue(engine.awaitConnectionsClosed(PATIENCE));
                assertEquals(0, engine.connectionCount());
                await().atMost(PATIENCE).until(() -> ha.closed.get() == 1 && hb.closed.get() == 1);
            }
        }
    }

    @Test
    void awaitConnectionsClosedReportsATimeout() throws Exception {
        try (Engine engine = new Engine(1, 64, echo(false), null)) {
            InetSocketAddress bound = engine.bind(LOOPBACK);
            engine.start();
            try (Socket s = connect(bound)) {
                nextHandler();
                await().atMost(PATIENCE).until(() -> engine.connectionCount() == 1);
                assertFalse(engine.awaitConnectionsClosed(Duration.ZERO));
            }
        }
    }

    @Test
    void shutdownAndCancelReachTheHandlers() throws Exception {
        try (Engine engine = new Engine(2, 64, echo(false), null)) {
            InetSocketAddress bound = engine.bind(LOOPBACK);
            engine.start();
            try (Socket a = connect(bound); Socket b = connect(bound)) {
                EchoHandler ha = nextHandler();
                EchoHandler hb = nextHandler();
                engine.shutdownConnections();
                await().atMost(PATIENCE).until(() -> ha.shutdowns.get() == 1 && hb.shutdowns.get() == 1);
                assertEchoes(a, "still served: the handler decides");
                engine.cancelConnections();
                await().atMost(PATIENCE).until(() -> ha.cancels.get() == 1 && hb.cancels.get() == 1);
            }
        }
    }

    @Test
    void aGracefulShutdownEndsWhenTheHandlersClose() throws Exception {
        try (Engine engine = new Engine(2, 64, echo(true), null)) {
            InetSocketAddress bound = engine.bind(LOOPBACK);
            engine.start();
            try (Socket a = connect(bound); Socket b = connect(bound)) {
                nextHandler();
                nextHandler();
                engine.stopAccepting();
                assertThrows(ConnectException.class, () -> connect(bound).close());
                assertEquals(List.of(), engine.listenAddresses());
                assertEchoes(a, "accepted connections are still served");
                engine.shutdownConnections();
                assertTrue(engine.awaitConnectionsClosed(PATIENCE));
                assertEquals(-1, a.getInputStream().read());
                assertEquals(-1, b.getInputStream().read());
            }
        }
    }

    @Test
    void closeClosesTheListenersAndEveryConnectionOnce() throws Exception {
        Engine engine = new Engine(2, 64, echo(false), null);
        InetSocketAddress bound = engine.bind(LOOPBACK);
        engine.start();
        try (Socket a = connect(bound); Socket b = connect(bound)) {
            EchoHandler ha = nextHandler();
            EchoHandler hb = nextHandler();
            engine.close();
            assertEquals(-1, a.getInputStream().read());
            assertEquals(-1, b.getInputStream().read());
            await().atMost(PATIENCE).until(() -> ha.closed.get() == 1 && hb.closed.get() == 1);
            await().atMost(PATIENCE).until(() -> engine.connectionCount() == 0);
            assertEquals(1, ha.closed.get(), "closed once");
            assertEquals(1, hb.closed.get(), "closed once");
            assertThrows(ConnectException.class, () -> connect(bound).close());
        }
    }

    @Test
    void adoptsAnInheritedListeningSocket() throws Exception {
        ServerSocketChannel inherited = ServerSocketChannel.open();
        inherited.bind(LOOPBACK);
        try (Engine engine = new Engine(1, 64, echo(true), null)) {
            SocketAddress address = engine.adopt(inherited, null);
            assertEquals(inherited.getLocalAddress(), address);
            engine.start();
            try (Socket s = connect(address)) {
                assertEchoes(s, "inherited");
            }
        }
        // Left open: closing System.inheritedChannel() would detach the process's standard streams.
        assertTrue(inherited.isOpen(), "left to its owner");
        inherited.close();
    }

    @Test
    void anAdoptedSocketStopsBeingAcceptedOnButStaysListening() throws Exception {
        try (ServerSocketChannel inherited = ServerSocketChannel.open()) {
            inherited.bind(LOOPBACK);
            SocketAddress address;
            try (Engine engine = new Engine(1, 64, echo(true), null)) {
                address = engine.adopt(inherited, null);
                engine.start();
                try (Socket s = connect(address)) {
                    assertEchoes(s, "before");
                }
                engine.stopAccepting();
                assertEquals(List.of(), engine.listenAddresses());
            }
            // A connection made now waits in the backlog, for the next process that adopts the socket.
            try (Socket waiting = connect(address)) {
                inherited.configureBlocking(true);
                try (SocketChannel accepted = inherited.accept()) {
                    assertEquals(waiting.getLocalSocketAddress(), accepted.getRemoteAddress());
                }
            }
        }
    }

    @Test
    void aTlsListenerHandsPlaintextToTheHandlers() throws Exception {
        try (Engine engine = new Engine(1, 64, echo(true), null)) {
            SocketAddress bound = engine.bind(LOOPBACK, TestTls.engines());
            engine.start();
            try (SSLSocket s = TestTls.client(connect(bound))) {
                s.startHandshake();
                EchoHandler h = nextHandler();
                assertEchoes(s, "over TLS");
                assertTrue(h.connection.isTls());
                assertArrayEquals(ascii("over TLS"), h.received());
            }
        }
    }

    // ---------------------------------------------------------------- unix sockets

    private static SocketChannel connectUnix(Path path) throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(path));
    }

    private static void assertEchoes(SocketChannel c, String text) throws IOException {
        c.write(ByteBuffer.wrap(ascii(text)));
        ByteBuffer got = ByteBuffer.allocate(text.length());
        while (got.hasRemaining()) {
            if (c.read(got) < 0) {
                throw new IOException("closed early");
            }
        }
        assertArrayEquals(ascii(text), got.array());
    }

    @Test
    void aUnixSocketIsServedWorldWritableAndRemovedWhenAcceptingStops(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("jvicorn.sock");
        try (Engine engine = new Engine(1, 64, echo(true), null)) {
            SocketAddress bound = engine.bind(UnixDomainSocketAddress.of(path), null);
            assertEquals(UnixDomainSocketAddress.of(path), bound);
            assertEquals(List.of(), engine.localAddresses(), "no TCP listener");
            assertEquals(List.of(bound), engine.listenAddresses());
            assertEquals(PosixFilePermissions.fromString("rw-rw-rw-"), Files.getPosixFilePermissions(path));
            engine.start();
            try (SocketChannel c = connectUnix(path)) {
                EchoHandler h = nextHandler();
                assertEchoes(c, "over a unix socket");
                assertNull(h.connection.remoteAddress(), "an unnamed unix client has no address");
                assertEquals(bound, h.connection.localAddress());
            }
            engine.stopAccepting();
            assertFalse(Files.exists(path));
        }
    }

    @Test
    void aStaleUnixSocketFileIsReplacedAndItsModeKept(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(path)); // closing it leaves the file behind, as a crash does
        }
        assertTrue(Files.exists(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        try (Engine engine = new Engine(1, 64, echo(true), null)) {
            engine.bind(UnixDomainSocketAddress.of(path), null);
            engine.start();
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(path));
            try (SocketChannel c = connectUnix(path)) {
                assertEchoes(c, "replaced");
            }
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void aLiveUnixSocketOrAnOrdinaryFileIsNotReplaced(@TempDir Path dir) throws Exception {
        Path live = dir.resolve("live.sock");
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             Engine engine = new Engine(1, 64, echo(true), null)) {
            other.bind(UnixDomainSocketAddress.of(live));
            assertThrows(BindException.class, () -> engine.bind(UnixDomainSocketAddress.of(live), null));
            assertTrue(Files.exists(live));

            Path file = dir.resolve("not-a-socket");
            Files.writeString(file, "data");
            assertThrows(BindException.class, () -> engine.bind(UnixDomainSocketAddress.of(file), null));
            assertEquals("data", Files.readString(file));
            assertEquals(List.of(), engine.listenAddresses());
        }
    }
}
