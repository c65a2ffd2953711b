package io.jvicorn.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.engine.ConnectionHandler;
import io.jvicorn.engine.Engine;
import io.jvicorn.engine.Transport;
import io.jvicorn.asgi.rules.TlsExtension;
import io.jvicorn.server.TlsConfig;
import io.jvicorn.server.TlsContextFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The engine's TLS session and the ASGI {@code tls} extension built from it, with a bare connection handler. */
class TlsSessionTest {
    private static final KeyMaterial keys = KeyMaterial.shared();

    /** Records what the connection says about TLS at its first bytes, then answers "ok\n" from a virtual thread. */
    private static final class Recorder implements ConnectionHandler {
        private final Transport connection;
        private final CompletableFuture<Transport> seen;

        Recorder(Transport connection, CompletableFuture<Transport> seen) {
            this.connection = connection;
            this.seen = seen;
        }

        @Override
        public void onData(ByteBuffer in) {
            in.position(in.limit());
            seen.complete(connection);
            Thread.startVirtualThread(() -> {
                try {
                    connection.write(ByteBuffer.wrap("ok\n".getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException e) {
                    connection.close();
                }
            });
        }

        @Override
        public void onInputClosed() {
            connection.close();
        }

        @Override
        public void onTick(long nowNanos) {
        }

        @Override
        public void onShutdown() {
            connection.close();
        }

        @Override
        public void onCancel() {
            connection.close();
        }

        @Override
        public void onClosed() {
        }
    }

    @Test
    void tlsExtensionDescribesTheSessionAndTheClientCertificate() throws Exception {
        CompletableFuture<Transport> seen = new CompletableFuture<>();
        TlsConfig tls = TlsConfig.pem(keys.serverCert(), keys.serverKey())
                .withClientAuth(TlsConfig.ClientAuth.REQUIRED, keys.clientCert());
        try (Engine engine = new Engine(1, 16, c -> new Recorder(c, seen), null)) {
            InetSocketAddress address = (InetSocketAddress) engine.bind(new InetSocketAddress("127.0.0.1", 0),
                    TlsContextFactory.engineFactory(tls));
            engine.start();
            SSLContext context = keys.clientContext(true);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", address.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write('x');
                assertEquals("ok", readLine(socket.getInputStream()));
                Transport connection = seen.get(10, TimeUnit.SECONDS);
                assertTrue(connection.isTls());
                Map<String, @Nullable Object> extension = TlsExtension.asgiExtension(connection.tlsSession());

                assertEquals(0x0304, extension.get("tls_version"));
                String suite = socket.getSession().getCipherSuite();
                assertEquals(TlsExtension.cipherSuiteCode(suite), extension.get("cipher_suite"));
                assertNotNull(extension.get("cipher_suite"), suite);
                assertEquals(keys.serverCertificate(), parse((String) extension.get("server_cert")));
                List<?> chain = (List<?>) extension.get("client_cert_chain");
                assertEquals(1, chain.size());
                assertEquals(KeyMaterial.certificate(keys.clientCert()), parse((String) chain.get(0)));
                assertEquals("CN=test client,O=jvicorn", extension.get("client_cert_name"));
                assertTrue(extension.containsKey("client_cert_error"));
                assertNull(extension.get("client_cert_error"));
            }
        }
    }

    @Test
    void withoutClientCertificateTheChainIsEmpty() throws Exception {
        CompletableFuture<Transport> seen = new CompletableFuture<>();
        try (Engine engine = new Engine(1, 16, c -> new Recorder(c, seen), null)) {
            InetSocketAddress address = (InetSocketAddress) engine.bind(new InetSocketAddress("127.0.0.1", 0),
                    TlsContextFactory.engineFactory(TlsConfig.pem(keys.serverCert(), keys.serverKey())));
            engine.start();
            try (SSLSocket socket = (SSLSocket) keys.clientContext(false).getSocketFactory()
                    .createSocket("127.0.0.1", address.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write('x');
                assertEquals("ok", readLine(socket.getInputStream()));
                Map<String, @Nullable Object> extension =
                        TlsExtension.asgiExtension(seen.get(10, TimeUnit.SECONDS).tlsSession());
                assertEquals(List.of(), extension.get("client_cert_chain"));
                assertNull(extension.get("client_cert_name"));
            }
        }
    }

    @Test
    void plaintextConnectionHasNoSession() throws Exception {
        CompletableFuture<Transport> seen = new CompletableFuture<>();
        try (Engine engine = new Engine(1, 16, c -> new Recorder(c, seen), null)) {
            InetSocketAddress address = engine.bind(new InetSocketAddress("127.0.0.1", 0));
            engine.start();
            try (Socket socket = new Socket("127.0.0.1", address.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write('x');
                assertEquals("ok", readLine(socket.getInputStream()));
                Transport connection = seen.get(10, TimeUnit.SECONDS);
                assertFalse(connection.isTls());
                assertNull(connection.tlsSession());
            }
        }
    }

    @Test
    void everyCipherSuiteOfTheJvmHasItsIanaCode() throws Exception {
        for (String suite : SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()) {
            if (!suite.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")) {
                assertNotNull(TlsExtension.cipherSuiteCode(suite), suite);
            }
        }
        assertEquals(0x1301, TlsExtension.cipherSuiteCode("TLS_AES_128_GCM_SHA256"));
        assertEquals(0xC02F, TlsExtension.cipherSuiteCode("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertEquals(0x0303, TlsExtension.tlsVersion("TLSv1.2"));
        assertNull(TlsExtension.cipherSuiteCode("NOT_A_SUITE"));
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            b.append((char) c);
        }
        return b.toString();
    }
}
