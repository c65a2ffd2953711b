package io.jvicorn.server.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.lifespan.LifespanMode;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.tls.KeyMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real HAProxy in TCP mode in front of jvicorn with {@code --proxy-protocol}: {@code send-proxy} (v1),
 * {@code send-proxy-v2} and {@code send-proxy-v2-ssl} (v2 with the SSL TLV, HAProxy terminating TLS). The client
 * connects from 127.0.0.2 while HAProxy reaches jvicorn from 127.0.0.1, the one trusted peer, so the address the
 * application sees can only have come from the header.
 */
class HaproxyProxyProtocolTest {
    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final String CLIENT_HOST = "127.0.0.2";
    private static Path dir;
    private static Server server;
    private static Process haproxy;
    private static int v1Port;
    private static int v2Port;
    private static int v2SslPort;
    private static int directPort;

    /** Answers "host port scheme": the scope's client and scheme. */
    private static final Application WHO = (scope, receive, send) -> {
        HttpScope http = (HttpScope) scope;
        byte[] body = (http.client().host() + " " + http.client().port() + " " + http.scheme()).getBytes(StandardCharsets.UTF_8);
        send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(body.length)),
                Header.of("connection", "close"))));
        send.send(new HttpResponseBody(body));
    };

    @BeforeAll
    static void start() throws Exception {
        boolean installed = Files.isExecutable(HAPROXY);
        if (System.getenv("CI") != null) {
            assertTrue(installed, "haproxy is not installed; .ci/run installs it");
        }
        assumeTrue(installed, "haproxy is not installed (apt-get install haproxy), skipping the HAProxy tests");
        dir = Files.createTempDirectory("jvicorn-haproxy");
        server = new Server(ServerConfig.builder(WHO).port(0).accessLog(false).lifespan(LifespanMode.OFF)
                .proxyProtocol(true).forwardedAllowIps("127.0.0.1").timeoutGracefulShutdown(Duration.ofSeconds(2))
                .build());
        server.start();
        v1Port = LocalPorts.free();
        v2Port = LocalPorts.free();
        v2SslPort = LocalPorts.free();
        directPort = LocalPorts.free();
        Path pem = KeyMaterial.shared().serverCertAndKey();
        String upstream = "127.0.0.1:" + server.port();
        String conf = """
                global
                    maxconn 64
                defaults
                    mode tcp
                    timeout connect 10s
                    timeout client 60s
                    timeout server 60s
                listen v1
                    bind 127.0.0.1:%1$d
                    server jvicorn %5$s send-proxy
                listen v2
                    bind 127.0.0.1:%2$d
                    server jvicorn %5$s send-proxy-v2
                listen v2ssl
                    bind 127.0.0.1:%3$d ssl crt %6$s
                    server jvicorn %5$s send-proxy-v2-ssl-cn
                listen direct
                    bind 127.0.0.1:%4$d
                    server jvicorn %5$s
                """.formatted(v1Port, v2Port, v2SslPort, directPort, upstream, pem);
        Files.writeString(dir.resolve("haproxy.cfg"), conf);
        haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", dir.resolve("haproxy.cfg").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.out").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> LocalPorts.accepts(v1Port) && LocalPorts.accepts(v2Port) && LocalPorts.accepts(v2SslPort)
                && LocalPorts.accepts(directPort) || !haproxy.isAlive());
        assertTrue(haproxy.isAlive(), () -> "haproxy exited: " + output());
    }

    @AfterAll
    static void stop() {
        if (haproxy != null) {
            haproxy.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sendProxyV1() throws Exception {
        try (Socket client = clientSocket(v1Port)) {
            assertEquals(CLIENT_HOST + " " + client.getLocalPort() + " http", get(client));
        }
    }

    @Test
    void sendProxyV2() throws Exception {
        try (Socket client = clientSocket(v2Port)) {
            assertEquals(CLIENT_HOST + " " + client.getLocalPort() + " http", get(client));
        }
    }

    @Test
    void sendProxyV2WithTheSslTlvBehindTlsTermination() throws Exception {
        Socket plain = clientSocket(v2SslPort);
        try (SSLSocket tls = (SSLSocket) KeyMaterial.shared().clientContext(false).getSocketFactory()
                .createSocket(plain, "localhost", v2SslPort, true)) {
            tls.startHandshake();
            assertEquals(CLIENT_HOST + " " + plain.getLocalPort() + " https", get(tls), "HAProxy terminated TLS");
        }
    }

    @Test
    void withoutTheHeaderTheTrustedProxyIsRefused() throws Exception {
        try (Socket client = clientSocket(directPort)) {
            client.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, client.getInputStream().read(), "closed without a response");
        }
    }

    /** A client connected from {@link #CLIENT_HOST}, an address HAProxy (on 127.0.0.1) is not. */
    private static Socket clientSocket(int port) throws IOException {
        Socket client = new Socket();
        client.setSoTimeout(30_000);
        client.bind(new InetSocketAddress(CLIENT_HOST, 0));
        client.connect(new InetSocketAddress("127.0.0.1", port));
        return client;
    }

    private static String get(Socket client) throws IOException {
        client.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
        InputStream in = client.getInputStream();
        String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(response.startsWith("HTTP/1.1 200 "), response);
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private static String output() {
        try {
            return Files.readString(dir.resolve("haproxy.out"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
