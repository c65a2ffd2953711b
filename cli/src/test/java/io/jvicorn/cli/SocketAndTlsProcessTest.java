package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI serving on a unix socket and over HTTPS (with {@code --ssl-version}), as a real process. */
class SocketAndTlsProcessTest {
    @TempDir
    Path dir;

    private static Process jvicorn(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("io.jvicorn.cli.testapps:HelloTestApp"));
        all.addAll(List.of(args));
        return JvicornProcess.start(all.toArray(String[]::new));
    }

    private static Matcher awaitLine(BufferedReader out, Pattern pattern) throws IOException {
        return JvicornProcess.awaitLine(out, pattern, new ArrayList<>());
    }

    private static void stop(Process p) throws InterruptedException {
        p.toHandle().destroy(); // SIGTERM: a graceful shutdown
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "did not exit after SIGTERM");
        assertEquals(0, p.exitValue());
    }

    @Test
    void servesOnAUnixSocketAndRemovesItAtExit() throws Exception {
        Path socket = dir.resolve("cli.sock");
        Process p = jvicorn("--uds", socket.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            awaitLine(out, Pattern.compile("jvicorn running on unix socket " + Pattern.quote(socket.toString())
                    + " \\(Press CTRL\\+C to quit\\)"));
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap("GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)));
                String response = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n") && response.endsWith("\r\n\r\nhi"), response);
            }
            stop(p);
            assertFalse(Files.exists(socket));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void servesHttpsFromAKeyStore() throws Exception {
        Path store = dir.resolve("server.p12");
        Path cert = dir.resolve("cert.pem");
        generateKeyStore(store, cert);
        Process p = jvicorn("--port", "0", "--ssl-keystore", store.toString(), "--ssl-keystore-password", "changeit");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Matcher running = awaitLine(out, Pattern.compile("jvicorn running on https://127\\.0\\.0\\.1:(\\d+) "));
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + running.group(1) + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("hi", r.body());
            stop(p);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sslVersion5ServesTls12OnlyAndRefusesATls13OnlyClient() throws Exception {
        Path store = dir.resolve("server.p12");
        Path cert = dir.resolve("cert.pem");
        generateKeyStore(store, cert);
        Process p = jvicorn("--port", "0", "--ssl-keystore", store.toString(), "--ssl-keystore-password", "changeit",
                "--ssl-version", "5");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Matcher running = awaitLine(out, Pattern.compile("jvicorn running on https://127\\.0\\.0\\.1:(\\d+) "));
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + running.group(1) + "/"))
                    .build();
            HttpClient tls13Only = HttpClient.newBuilder().sslContext(trusting(cert))
                    .sslParameters(new SSLParameters(null, new String[] {"TLSv1.3"})).build();
            assertThrows(SSLHandshakeException.class,
                    () -> tls13Only.send(request, HttpResponse.BodyHandlers.ofString()));
            HttpClient tls12Only = HttpClient.newBuilder().sslContext(trusting(cert))
                    .sslParameters(new SSLParameters(null, new String[] {"TLSv1.2"})).build();
            assertEquals("hi", tls12Only.send(request, HttpResponse.BodyHandlers.ofString()).body());
            stop(p);
        } finally {
            p.destroyForcibly();
        }
    }

    /** A self-signed EC certificate for 127.0.0.1 in a PKCS#12 store (password changeit), also exported as PEM. */
    private static void generateKeyStore(Path store, Path cert) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(), "-storepass",
                "changeit", "-file", cert.toString());
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
    }
}
