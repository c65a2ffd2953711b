package io.jvicorn.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for localhost made by the JDK's keytool, once per test JVM, and the server and client
 * contexts built on it (the client trusts exactly that certificate).
 */
final class TestTls {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static SSLContext server;
    private static SSLContext client;

    private TestTls() {
    }

    private static synchronized void init() {
        if (server != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("jvicorn-engine-tls-");
            Path store = dir.resolve("server.p12");
            try {
                keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD));
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(store)) {
                    keys.load(in, PASSWORD);
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, PASSWORD);
                SSLContext s = SSLContext.getInstance("TLS");
                s.init(kmf.getKeyManagers(), null, null);

                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                trusted.setCertificateEntry("server", keys.getCertificate("server"));
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trusted);
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(null, tmf.getTrustManagers(), null);
                server = s;
                client = c;
            } finally {
                Files.deleteIfExists(store);
                Files.deleteIfExists(dir);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate with keytool", e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    /** @return server engines for a TLS listener */
    static TlsEngineFactory engines() {
        init();
        return () -> {
            SSLEngine e = server.createSSLEngine();
            e.setUseClientMode(false);
            return e;
        };
    }

    /** @return the client context, which trusts the test certificate */
    static SSLContext clientContext() {
        init();
        return client;
    }

    /** @return a TLS client over the connected {@code socket} (closing it closes the socket), not yet handshaken */
    static SSLSocket client(Socket socket) throws IOException {
        init();
        SSLSocket ssl = (SSLSocket) client.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        ssl.setUseClientMode(true);
        ssl.setSoTimeout(socket.getSoTimeout());
        return ssl;
    }

    /** @return a TLS client that trusts only the JDK's default authorities, so not the test certificate */
    static SSLSocket untrustingClient(Socket socket) throws Exception {
        SSLSocket ssl = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                .createSocket(socket, "localhost", socket.getPort(), true);
        ssl.setUseClientMode(true);
        return ssl;
    }
}
