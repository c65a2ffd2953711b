package io.jvicorn.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.server.ServerStartupException;
import io.jvicorn.server.TlsConfig;
import io.jvicorn.server.TlsContextFactory;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private keys as OpenSSL writes them: PKCS#8, encrypted PKCS#8, traditional PKCS#1 RSA and SEC1 EC. */
class KeyFormatsTest {
    private static final String OPENSSL = "/usr/bin/openssl";

    @TempDir
    static Path dir;

    @BeforeAll
    static void requireOpenssl() {
        Assumptions.assumeTrue(new File(OPENSSL).canExecute(), "openssl not installed");
    }

    private static String openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL);
        command.addAll(List.of(args));
        return KeyMaterial.run(command);
    }

    /** A self-signed certificate for 127.0.0.1 over {@code key}. */
    private static Path certificate(Path key, String name) throws Exception {
        Path cert = dir.resolve(name + "-cert.pem");
        openssl("req", "-x509", "-key", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1");
        return cert;
    }

    private static void assertServes(TlsConfig tls, Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", KeyMaterial.certificate(cert));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context).build();
        try (TlsTestServer s = TlsTestServer.https(tls)) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(s.url("/")))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("hello", r.body());
        }
    }

    @Test
    void traditionalRsaKey() throws Exception {
        Path pkcs8 = dir.resolve("rsa.pem");
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", pkcs8.toString());
        Path pkcs1 = dir.resolve("rsa-pkcs1.pem");
        openssl("rsa", "-in", pkcs8.toString(), "-traditional", "-out", pkcs1.toString());
        assertTrue(Files.readString(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        Path cert = certificate(pkcs8, "rsa");
        assertServes(TlsConfig.pem(cert, pkcs1), cert);
        assertServes(TlsConfig.pem(cert, pkcs8), cert);
    }

    @Test
    void ecKeyWithAndWithoutAParametersBlock() throws Exception {
        Path withParameters = dir.resolve("ec-params.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", withParameters.toString());
        assertTrue(Files.readString(withParameters).startsWith("-----BEGIN EC PARAMETERS-----"));
        Path sec1 = dir.resolve("ec.pem");
        openssl("ec", "-in", withParameters.toString(), "-out", sec1.toString());
        assertTrue(Files.readString(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        Path cert = certificate(sec1, "ec");
        assertServes(TlsConfig.pem(cert, withParameters), cert);
        assertServes(TlsConfig.pem(cert, sec1), cert);
    }

    @Test
    void opensslEncryptedPkcs8() throws Exception {
        Path key = dir.resolve("enc-plain.pem");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        Path encrypted = dir.resolve("enc.pem");
        openssl("pkcs8", "-topk8", "-in", key.toString(), "-out", encrypted.toString(), "-passout", "pass:hunter2");
        Path cert = certificate(key, "enc");
        assertServes(TlsConfig.pem(cert, encrypted).withKeyPassword("hunter2"), cert);
        ServerStartupException wrong = assertThrows(ServerStartupException.class,
                () -> TlsContextFactory.sslContext(TlsConfig.pem(cert, encrypted).withKeyPassword("nope")));
        assertTrue(wrong.getMessage().contains("is --ssl-keyfile-password right?"), wrong.getMessage());
    }

    @Test
    void legacyEncryptedKeyIsRefusedWithTheConversionCommand() throws Exception {
        Path key = dir.resolve("legacy-plain.pem");
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString());
        Path legacy = dir.resolve("legacy.pem");
        openssl("rsa", "-in", key.toString(), "-traditional", "-aes256", "-passout", "pass:pw", "-out", legacy.toString());
        Path cert = certificate(key, "legacy");
        ServerStartupException e = assertThrows(ServerStartupException.class,
                () -> TlsContextFactory.sslContext(TlsConfig.pem(cert, legacy).withKeyPassword("pw")));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + legacy), e.getMessage());
    }
}
