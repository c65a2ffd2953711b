package io.jvicorn.server.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.tls.HttpMessage;
import io.jvicorn.server.tls.ScopeApp;
import io.jvicorn.server.tls.TlsTestServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several {@code --bind} addresses at once, Gunicorn style, in place of {@code --host}/{@code --port}. */
class MultipleBindsTest {
    @TempDir
    Path dir;

    private static boolean ipv6LoopbackAvailable() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpMessage get(InetSocketAddress address, String path) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nhost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return HttpMessage.read(socket.getInputStream());
        }
    }

    @Test
    void ipv4Ipv6AndUnixSocketTogether() throws Exception {
        Assumptions.assumeTrue(ipv6LoopbackAvailable(), "::1 cannot be bound here");
        Path socket = dir.resolve("multi.sock");
        try (TlsTestServer s = TlsTestServer.start(new ScopeApp(), b -> b.host("192.0.2.1").port(1)
                .bind("127.0.0.1:0").bind("[::1]:0").bind("unix:" + socket))) {
            List<SocketAddress> addresses = s.server().listenAddresses();
            assertEquals(3, addresses.size(), addresses.toString());
            InetSocketAddress v4 = assertInstanceOf(InetSocketAddress.class, addresses.get(0));
            InetSocketAddress v6 = assertInstanceOf(InetSocketAddress.class, addresses.get(1));
            assertInstanceOf(Inet6Address.class, v6.getAddress());
            assertEquals(UnixDomainSocketAddress.of(socket), addresses.get(2));
            assertEquals(v4.getPort(), s.server().port()); // the first TCP listener
            assertEquals(List.of("http://127.0.0.1:" + v4.getPort(), "http://[::1]:" + v6.getPort(),
                    "unix socket " + socket), s.server().runningOn());

            assertEquals("scheme=http\nserver=127.0.0.1:" + v4.getPort() + "\nclient=127.0.0.1:",
                    get(v4, "/scope").text().replaceAll("client=127.0.0.1:\\d+", "client=127.0.0.1:"));
            assertTrue(get(v6, "/scope").text().startsWith("scheme=http\nserver=[::1]:" + v6.getPort()),
                    "IPv6 scope");
            assertEquals("hello", UnixSocketTest.request(socket, "/").text());
        }
    }

    @Test
    void udsAndBindsReplaceHostAndPort() throws Exception {
        Path socket = dir.resolve("both.sock");
        try (TlsTestServer s = TlsTestServer.start(new ScopeApp(), b -> b.bind("127.0.0.1:0").uds(socket.toString()))) {
            List<SocketAddress> addresses = s.server().listenAddresses();
            assertEquals(2, addresses.size());
            assertEquals("hello", get((InetSocketAddress) addresses.get(0), "/").text());
            assertEquals("hello", UnixSocketTest.request(socket, "/").text());
        }
    }

    @Test
    void badBindValuesAreRejectedWhenConfiguring() {
        ServerConfig.Builder builder = ServerConfig.builder(new ScopeApp());
        for (String[] bad : new String[][] {
                {"::1:8000", "put an IPv6 address in brackets"},
                {"[::1:8000", "has no ']'"},
                {"127.0.0.1:http", "'http' is not a port"},
                {"127.0.0.1:70000", "'70000' is not a port"},
                {":8000", "has no host"},
                {"unix:", "has no path"},
                {"fd://x", "is not a file descriptor number"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServerConfig.builder(new ScopeApp()).bind(bad[0]).build(), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
        }
        assertEquals(List.of(), builder.build().binds());
    }

    @Test
    void hostWithoutPortTakesTheConfiguredPort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            int port = free.getLocalPort();
            free.close();
            try (TlsTestServer s = TlsTestServer.start(new ScopeApp(), b -> b.port(port).bind("127.0.0.1"))) {
                assertEquals(port, s.server().port());
            }
        }
    }
}
