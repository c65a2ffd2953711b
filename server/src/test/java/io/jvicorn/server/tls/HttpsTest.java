package io.jvicorn.server.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.server.HttpProtocols;
import io.jvicorn.server.TlsConfig;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS end to end: the JDK client and curl against certificates made by keytool. */
class HttpsTest {
    private static final String CURL = "/usr/bin/curl";

    @TempDir
    static Path dir;
    private static final KeyMaterial keys = KeyMaterial.shared();

    private static HttpClient client(boolean withClientCert) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(keys.clientContext(withClientCert))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jdkClientGetsHttpsSchemeInTheScope() throws Exception {
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey()))) {
            assertEquals(List.of("https://127.0.0.1:" + s.port()), s.server().runningOn());
            HttpResponse<String> r = get(client(false), s.url("/scope"));
            assertEquals(200, r.statusCode());
            assertTrue(r.body().startsWith("scheme=https\nserver=127.0.0.1:" + s.port() + "\nclient=127.0.0.1:"),
                    r.body());
        }
    }

    @Test
    void scopeCarriesTheTlsExtension() throws Exception {
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey()))) {
            HttpResponse<String> r = get(client(false), s.url("/tls"));
            assertTrue(r.body().startsWith("tls_version=" + 0x0304 + "\ncipher_suite="), r.body());
            assertTrue(r.body().endsWith("\nserver_cert=true"), r.body());
        }
    }

    @Test
    void curlVerifiesTheCertificate() throws Exception {
        Assumptions.assumeTrue(new File(CURL).canExecute(), "curl not installed");
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey()))) {
            String out = KeyMaterial.run(List.of(CURL, "-sS", "--max-time", "10", "--cacert",
                    keys.serverCert().toString(), s.url("/")));
            assertEquals("hello", out);
            String big = KeyMaterial.run(List.of(CURL, "-sS", "--max-time", "10", "--cacert",
                    keys.serverCert().toString(), "-o", dir.resolve("big.bin").toString(), "-w", "%{size_download}",
                    s.url("/big")));
            assertEquals(Integer.toString(ScopeApp.BIG_SIZE), big);
        }
    }

    @Test
    void certificateFileMayHoldTheKey() throws Exception {
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCertAndKey(), null))) {
            assertEquals("hello", get(client(false), s.url("/")).body());
        }
    }

    @Test
    void encryptedKeyWithItsPassword() throws Exception {
        Path encrypted = keys.encryptedServerKey("s3cret");
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), encrypted)
                .withKeyPassword("s3cret"))) {
            assertEquals("hello", get(client(false), s.url("/")).body());
        }
    }

    @Test
    void pkcs12KeyStore() throws Exception {
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.keyStore(keys.serverKeyStore(),
                KeyMaterial.STORE_PASSWORD))) {
            assertEquals("hello", get(client(false), s.url("/")).body());
        }
    }

    @Test
    void oneMebibyteResponse() throws Exception {
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey()))) {
            HttpResponse<byte[]> r = client(false).send(HttpRequest.newBuilder(URI.create(s.url("/big")))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(ScopeApp.big(), r.body());
        }
    }

    @Test
    void slowReaderOfALargeResponseGetsEveryByte() throws Exception {
        // The socket fills: the writer parks until the loop sees it writable, several times over.
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey()));
             Socket plain = new Socket()) {
            plain.setReceiveBufferSize(4096); // before connecting, so that the TCP window is small from the start
            plain.connect(new InetSocketAddress("127.0.0.1", s.port()));
            SSLSocket socket = (SSLSocket) keys.clientContext(false).getSocketFactory()
                    .createSocket(plain, "127.0.0.1", s.port(), true);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /big HTTP/1.1\r\nhost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            HttpMessage r = HttpMessage.read(new InputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, Math.min(len, 1000)); // small reads keep the server's socket full
                }
            });
            assertArrayEquals(ScopeApp.big(), r.body());
        }
    }

    @Test
    void oneMebibyteUploadIsEchoed() throws Exception {
        byte[] payload = new byte[1024 * 1024];
        new Random(7).nextBytes(payload);
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey()))) {
            HttpClient client = client(false);
            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(s.url("/echo")))
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertArrayEquals(payload, r.body(), "request " + i);
            }
        }
    }

    @Test
    void manySmallPipelinedRequests() throws Exception {
        int count = 200;
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < count; i++) {
            requests.append("GET /").append(i).append(" HTTP/1.1\r\nhost: x\r\n\r\n");
        }
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey()));
             SSLSocket socket = socket(s, keys.clientContext(false))) {
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            for (int i = 0; i < count; i++) {
                HttpMessage r = HttpMessage.read(in);
                assertEquals(200, r.status(), "response " + i);
                assertEquals("hello", r.text(), "response " + i);
            }
        }
    }

    @Test
    void connectionCloseEndsWithCloseNotify() throws Exception {
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey()));
             SSLSocket socket = socket(s, keys.clientContext(false))) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertEquals("hello", HttpMessage.read(in).text());
            // A clean TLS end of stream (close_notify), not a truncation error or a reset.
            assertEquals(-1, in.read());
        }
    }

    @Test
    void alpnPrefersH2ThenHttp11AndToleratesClientsWithNeither() throws Exception {
        SSLContext context = keys.clientContext(false);
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey()))) {
            try (SSLSocket socket = socket(s, context, "http/1.1", "h2")) {
                assertEquals("h2", socket.getApplicationProtocol(), "the server's preference decides");
            }
            try (SSLSocket socket = socket(s, context, "http/1.1")) {
                assertEquals("http/1.1", socket.getApplicationProtocol());
            }
            try (SSLSocket socket = socket(s, context, "spdy/3.1")) {
                assertEquals("", socket.getApplicationProtocol());
                socket.getOutputStream().write("GET / HTTP/1.1\r\nhost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("hello", HttpMessage.read(socket.getInputStream()).text());
            }
        }
        try (TlsTestServer s = TlsTestServer.start(new ScopeApp(), b -> b.tls(TlsConfig.pem(keys.serverCert(),
                keys.serverKey())).http(HttpProtocols.HTTP_1))) {
            try (SSLSocket socket = socket(s, context, "h2", "http/1.1")) {
                assertEquals("http/1.1", socket.getApplicationProtocol(), "--http 1 does not offer h2");
            }
            try (SSLSocket socket = socket(s, context, "h2")) {
                assertEquals("", socket.getApplicationProtocol());
                socket.getOutputStream().write("GET / HTTP/1.1\r\nhost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("hello", HttpMessage.read(socket.getInputStream()).text());
            }
        }
    }

    @Test
    void configuredCipherSuiteIsNegotiated() throws Exception {
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey())
                .withCiphers(List.of("TLS_CHACHA20_POLY1305_SHA256")));
             SSLSocket socket = socket(s, keys.clientContext(false))) {
            assertEquals("TLS_CHACHA20_POLY1305_SHA256", socket.getSession().getCipherSuite());
        }
    }

    @Test
    void plaintextClientOnTheTlsPortIsDroppedAndTheServerCarriesOn() throws Exception {
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey()))) {
            try (Socket plain = new Socket("127.0.0.1", s.port())) {
                plain.setSoTimeout(5000);
                OutputStream out = plain.getOutputStream();
                out.write("GET / HTTP/1.1\r\nhost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] answer = plain.getInputStream().readAllBytes(); // an alert at most, then the close
                assertTrue(answer.length < 16, "unexpected answer of " + answer.length + " bytes");
            } catch (java.net.SocketException reset) {
                // a reset also ends it
            }
            assertEquals("hello", get(client(false), s.url("/")).body());
        }
    }

    @Test
    void clientThatDoesNotTrustTheServerFails() throws Exception {
        try (TlsTestServer s = TlsTestServer.https(TlsConfig.pem(keys.serverCert(), keys.serverKey()))) {
            HttpClient untrusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThrows(IOException.class, () -> get(untrusting, s.url("/")));
            assertEquals("hello", get(client(false), s.url("/")).body());
        }
    }

    static SSLSocket socket(TlsTestServer s, SSLContext context, String... alpn) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", s.port());
        socket.setSoTimeout(10_000);
        if (alpn.length > 0) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(alpn);
            socket.setSSLParameters(parameters);
        }
        socket.startHandshake();
        return socket;
    }
}
