package io.jvicorn.server.tls;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.ServerStartupException;
import io.jvicorn.server.TlsConfig;
import io.jvicorn.server.TlsContextFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every unusable TLS setting fails at startup with a message naming the file or option and the fix. */
class TlsConfigErrorsTest {
    @TempDir
    static Path dir;
    private static final KeyMaterial keys = KeyMaterial.shared();

    private static void assertStartupError(TlsConfig tls, String expected) {
        ServerStartupException e = assertThrows(ServerStartupException.class,
                () -> TlsContextFactory.engineFactory(tls));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertConfigError(Executable build, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void encryptedKeyWithoutPassword() throws Exception {
        assertStartupError(TlsConfig.pem(keys.serverCert(), keys.encryptedServerKey("pw")),
                "holds an encrypted private key: give its password with --ssl-keyfile-password");
    }

    @Test
    void encryptedKeyWithTheWrongPassword() throws Exception {
        assertStartupError(TlsConfig.pem(keys.serverCert(), keys.encryptedServerKey("pw")).withKeyPassword("wrong"),
                "is --ssl-keyfile-password right?");
    }

    @Test
    void encryptedKeyAskingForTooManyIterations() throws Exception {
        // One more than the limit: refused before any key derivation runs.
        assertStartupError(TlsConfig.pem(keys.serverCert(), keys.encryptedServerKey("pw", 1_000_001))
                .withKeyPassword("pw"), "asks for 1000001 key-derivation iterations, more than the 1000000");
    }

    @Test
    void keyOfAnotherCertificate() {
        assertStartupError(TlsConfig.pem(keys.serverCert(), keys.clientKey()), "does not belong to the first certificate");
    }

    @Test
    void missingFiles() {
        assertStartupError(TlsConfig.pem(dir.resolve("nope.pem"), null), "cannot read " + dir.resolve("nope.pem"));
        assertStartupError(TlsConfig.keyStore(dir.resolve("nope.p12"), "x"), "cannot open key store");
    }

    @Test
    void certificateFileWithoutCertificateOrKey() throws Exception {
        assertStartupError(TlsConfig.pem(keys.serverKey(), null), "holds no PEM 'CERTIFICATE' block");
        assertStartupError(TlsConfig.pem(keys.serverCert(), null), "holds no private key");
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n");
        assertStartupError(TlsConfig.pem(garbage, keys.serverKey()), "is not valid base64");
        Path unterminated = dir.resolve("unterminated.pem");
        Files.writeString(unterminated, "-----BEGIN CERTIFICATE-----\nAAAA\n");
        assertStartupError(TlsConfig.pem(unterminated, keys.serverKey()), "has no '-----END CERTIFICATE-----'");
    }

    @Test
    void keyStoreWithTheWrongPassword() {
        assertStartupError(TlsConfig.keyStore(keys.serverKeyStore(), "wrong"), "is --ssl-keystore-password right?");
    }

    @Test
    void unknownCipherSuites() {
        TlsConfig base = TlsConfig.pem(keys.serverCert(), keys.serverKey());
        assertStartupError(base.withCiphers(List.of("TLS_NOT_A_SUITE")), "unknown cipher suite 'TLS_NOT_A_SUITE'");
        assertStartupError(base.withCiphers(List.of("ECDHE-RSA-AES128-GCM-SHA256")),
                "OpenSSL cipher strings are not understood");
    }

    @Test
    void settingsThatDoNotFitTogether() {
        assertConfigError(() -> new TlsConfig(null, keys.serverKey(), null, null, null, null,
                TlsConfig.ClientAuth.NONE, List.of(), TlsConfig.Protocols.JVM_DEFAULT),
                "ssl-keyfile needs ssl-certfile");
        assertConfigError(() -> TlsConfig.pem(keys.serverCert(), keys.serverKey())
                .withClientAuth(TlsConfig.ClientAuth.REQUIRED, null), "needs ssl-ca-certs");
        assertConfigError(() -> new TlsConfig(keys.serverCert(), null, null, keys.serverKeyStore(), null, null,
                TlsConfig.ClientAuth.NONE, List.of(), TlsConfig.Protocols.JVM_DEFAULT), "not both");
        assertConfigError(() -> TlsConfig.ClientAuth.fromCertReqs(3), "must be 0 (none), 1 (optional) or 2");
    }

    @Test
    void passwordsAreNotPrinted() {
        String text = TlsConfig.keyStore(keys.serverKeyStore(), "secret").withKeyPassword("other").toString();
        assertTrue(!text.contains("secret") && !text.contains("other"), text);
    }

    @Test
    void serverFailsBeforeBinding() {
        Server server = new Server(ServerConfig.builder(new ScopeApp()).port(0)
                .tls(TlsConfig.pem(keys.serverCert(), keys.clientKey())).build());
        ServerStartupException e = assertThrows(ServerStartupException.class, server::start);
        assertTrue(e.getMessage().startsWith("TLS setup failed: "), e.getMessage());
    }
}
