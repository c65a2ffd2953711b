package io.jvicorn.server.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.ServerStartupException;
import io.jvicorn.server.tls.HttpMessage;
import io.jvicorn.server.tls.ScopeApp;
import io.jvicorn.server.tls.TlsTestServer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --uds}: requests over a unix socket, the socket file's mode, stale files, and removal at exit. */
class UnixSocketTest {
    @TempDir
    Path dir;

    static HttpMessage request(Path socket, String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nhost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            return HttpMessage.read(Channels.newInputStream(channel));
        }
    }

    @Test
    void servesOverTheSocketWithItsPathAsServerAndNoClient() throws Exception {
        Path socket = dir.resolve("app.sock");
        try (TlsTestServer s = TlsTestServer.start(new ScopeApp(), b -> b.uds(socket.toString()))) {
            HttpMessage r = request(socket, "/scope");
            assertEquals(200, r.status());
            assertEquals("scheme=http\nserver=" + socket + "\nclient=null", r.text());
            assertEquals(List.of(UnixDomainSocketAddress.of(socket)), s.server().listenAddresses());
            assertTrue(s.server().localAddresses().isEmpty());
            assertThrows(IllegalStateException.class, s.server()::port);
        }
    }

    @Test
    void newSocketFileIsWorldWritableAndRemovedAtExit() throws Exception {
        Path socket = dir.resolve("mode.sock");
        try (TlsTestServer s = TlsTestServer.start(new ScopeApp(), b -> b.uds(socket.toString()))) {
            assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertEquals("hello", request(socket, "/").text());
        }
        assertFalse(Files.exists(socket));
    }

    @Test
    void staleSocketFileIsReplacedKeepingItsMode() throws Exception {
        Path socket = dir.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket)); // closing leaves the file behind, as a crash would
        }
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        try (TlsTestServer s = TlsTestServer.start(new ScopeApp(), b -> b.uds(socket.toString()))) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertEquals("hello", request(socket, "/").text());
        }
        assertFalse(Files.exists(socket));
    }

    @Test
    void liveSocketIsNotTakenOver() throws Exception {
        Path socket = dir.resolve("live.sock");
        try (TlsTestServer first = TlsTestServer.start(new ScopeApp(), b -> b.uds(socket.toString()))) {
            Server second = new Server(ServerConfig.builder(new ScopeApp()).uds(socket.toString()).build());
            ServerStartupException e = assertThrows(ServerStartupException.class, second::start);
            assertTrue(e.getMessage().contains("error while attempting to bind on unix socket " + socket
                    + ": Address already in use"), e.getMessage());
            assertEquals("hello", request(socket, "/").text());
        }
    }

    @Test
    void regularFileIsNotReplaced() throws Exception {
        Path file = dir.resolve("data.txt");
        Files.writeString(file, "keep me");
        Server server = new Server(ServerConfig.builder(new ScopeApp()).uds(file.toString()).build());
        ServerStartupException e = assertThrows(ServerStartupException.class, server::start);
        assertTrue(e.getMessage().contains("exists and is not a socket"), e.getMessage());
        assertEquals("keep me", Files.readString(file));
    }
}
