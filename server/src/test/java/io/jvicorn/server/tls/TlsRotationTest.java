package io.jvicorn.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.server.ServerStartupException;
import io.jvicorn.server.TlsConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate rotation without a restart: a server started with a caller's {@link SSLContext}, or with TLS files, serves
 * connections accepted after {@code updateSslContext} / {@code reloadTls} with the new certificate, while a connection
 * opened before keeps working with the old one.
 */
class TlsRotationTest {
    private static final KeyMaterial keys = KeyMaterial.shared();
    private static final String SERVER = "CN=localhost";
    private static final String OTHER = "CN=test client,O=jvicorn";

    /** Trusts whatever the server presents: the test reads which certificate that was. */
    private static SSLContext trustingClient() throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        return context;
    }

    private static SSLContext serverContext(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, KeyMaterial.STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
        keyManagers.init(store, KeyMaterial.STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private static SSLSocket connect(TlsTestServer s) throws Exception {
        return HttpsTest.socket(s, trustingClient());
    }

    private static String subject(SSLSocket socket) throws Exception {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    /** One request on an open connection: the connection still serves after the rotation. */
    private static int status(SSLSocket socket) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write("GET / HTTP/1.1\r\nhost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return HttpMessage.read(socket.getInputStream()).status();
    }

    @Test
    void aCallersContextIsReplacedForNewConnectionsOnly() throws Exception {
        SSLContext first = serverContext(keys.serverKeyStore());
        try (TlsTestServer s = TlsTestServer.start(new ScopeApp(), b -> b.sslContext(first))) {
            try (SSLSocket before = connect(s)) {
                assertEquals(SERVER, subject(before));
                s.server().updateSslContext(serverContext(keys.clientKeyStore()), null);
                try (SSLSocket after = connect(s)) {
                    assertEquals(OTHER, subject(after));
                    assertEquals(200, status(after));
                }
                assertEquals(200, status(before));
            }
        }
    }

    @Test
    void reloadTlsReadsTheFilesAgain(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.copy(keys.serverCert(), cert);
        Files.copy(keys.serverKey(), key);
        try (TlsTestServer s = TlsTestServer.start(new ScopeApp(), b -> b.tls(TlsConfig.pem(cert, key)))) {
            try (SSLSocket before = connect(s)) {
                assertEquals(SERVER, subject(before));
            }
            Files.copy(keys.clientCert(), cert, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(keys.clientKey(), key, StandardCopyOption.REPLACE_EXISTING);
            s.server().reloadTls();
            try (SSLSocket after = connect(s)) {
                assertEquals(OTHER, subject(after));
            }
        }
    }

    @Test
    void aFailedReloadKeepsTheCertificateItHad(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.copy(keys.serverCert(), cert);
        Files.copy(keys.serverKey(), key);
        try (TlsTestServer s = TlsTestServer.start(new ScopeApp(), b -> b.tls(TlsConfig.pem(cert, key)))) {
            Files.copy(keys.clientKey(), key, StandardCopyOption.REPLACE_EXISTING); // a key that does not match
            ServerStartupException failure = assertThrows(ServerStartupException.class, () -> s.server().reloadTls());
            assertEquals(true, failure.getMessage().contains("TLS"), failure.getMessage());
            try (SSLSocket after = connect(s)) {
                assertEquals(SERVER, subject(after));
                assertEquals(200, status(after));
            }
        }
    }

    @Test
    void tlsFilesAndAContextTogetherAreRefused() throws Exception {
        SSLContext context = serverContext(keys.serverKeyStore());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsTestServer.start(new ScopeApp(), b -> b.tls(TlsConfig.pem(keys.serverCert(), keys.serverKey()))
                        .sslContext(context)));
        assertEquals("give either TLS files (tls) or an SSLContext (sslContext), not both", e.getMessage());
    }
}
