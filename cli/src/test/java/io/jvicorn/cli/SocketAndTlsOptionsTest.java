package io.jvicorn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** {@code --bind}, {@code --uds}, {@code --fd} and the {@code --ssl-*} options, from the command line and JVICORN_*. */
class SocketAndTlsOptionsTest {
    private static final Application APP = (scope, receive, send) -> { };

    @TempDir
    Path dir;

    private static CliOptions parse(Map<String, String> env, String... args) {
        CliOptions options = new CliOptions();
        Main.commandLine(options, env).parseArgs(args);
        return options;
    }

    private Path file(String name) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, "placeholder");
        return path;
    }

    @Test
    void socketsDefaultToHostAndPortOnly() {
        ServerConfig config = parse(Map.of(), "m:app").toServerConfig(APP);
        assertEquals(List.of(), config.binds());
        assertNull(config.uds());
        assertNull(config.fd());
        assertNull(config.tls());
    }

    @Test
    void bindUdsAndFdReachTheConfig() {
        ServerConfig config = parse(Map.of(), "--bind", "127.0.0.1:9000", "--bind", "[::1]:9001", "--bind",
                "unix:/run/a.sock", "--uds", "/run/b.sock", "--fd", "0", "m:app").toServerConfig(APP);
        assertEquals(List.of("127.0.0.1:9000", "[::1]:9001", "unix:/run/a.sock"), config.binds());
        assertEquals("/run/b.sock", config.uds());
        assertEquals(0, config.fd());
    }

    @Test
    void environmentSuppliesSeveralBindsSeparatedBySpaces() {
        ServerConfig config = parse(Map.of("JVICORN_BIND", "0.0.0.0:80  unix:/run/a.sock", "JVICORN_UDS", "/tmp/x",
                "JVICORN_FD", "0"), "m:app").toServerConfig(APP);
        assertEquals(List.of("0.0.0.0:80", "unix:/run/a.sock"), config.binds());
        assertEquals("/tmp/x", config.uds());
        assertEquals(0, config.fd());
    }

    @Test
    void badSocketValuesAreUsageErrors() {
        assertThrows(ParameterException.class, () -> parse(Map.of(), "--fd", "-1", "m:app"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(), "--bind", "::1:80", "m:app").toServerConfig(APP));
        assertTrue(e.getMessage().contains("put an IPv6 address in brackets"), e.getMessage());
    }

    @Test
    void everySslOptionReachesTheTlsConfig() throws Exception {
        Path cert = file("cert.pem");
        Path key = file("key.pem");
        Path ca = file("ca.pem");
        TlsConfig tls = parse(Map.of(), "--ssl-certfile", cert.toString(), "--ssl-keyfile", key.toString(),
                "--ssl-keyfile-password", "pw", "--ssl-cert-reqs", "2", "--ssl-ca-certs", ca.toString(),
                "--ssl-ciphers", "TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384", "--ssl-version", "5", "m:app")
                .toServerConfig(APP).tls();
        assertEquals(new TlsConfig(cert, key, "pw", null, null, ca, TlsConfig.ClientAuth.REQUIRED,
                List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"), TlsConfig.Protocols.TLS_1_2), tls);
    }

    @Test
    void keyStoreFromTheEnvironment() throws Exception {
        Path store = file("server.p12");
        TlsConfig tls = parse(Map.of("JVICORN_SSL_KEYSTORE", store.toString(), "JVICORN_SSL_KEYSTORE_PASSWORD", "pw",
                "JVICORN_SSL_CERT_REQS", "0", "JVICORN_SSL_CIPHERS", "TLSv1"), "m:app").toServerConfig(APP).tls();
        assertEquals(TlsConfig.keyStore(store, "pw"), tls);
    }

    @Test
    void sslVersionTakesPythonsServerNumbersAndJvmNames() throws Exception {
        Path cert = file("cert.pem");
        for (var accepted : Map.of("17", TlsConfig.Protocols.JVM_DEFAULT, "2", TlsConfig.Protocols.JVM_DEFAULT,
                "5", TlsConfig.Protocols.TLS_1_2, "TLSv1.2", TlsConfig.Protocols.TLS_1_2,
                "TLSv1.3", TlsConfig.Protocols.TLS_1_3).entrySet()) {
            TlsConfig tls = parse(Map.of(), "--ssl-certfile", cert.toString(), "--ssl-version", accepted.getKey(),
                    "m:app").toServerConfig(APP).tls();
            assertEquals(accepted.getValue(), tls.protocols(), accepted.getKey());
        }
        TlsConfig fromEnvironment = parse(Map.of("JVICORN_SSL_CERTFILE", cert.toString(), "JVICORN_SSL_VERSION",
                "TLSv1.3"), "m:app").toServerConfig(APP).tls();
        assertEquals(TlsConfig.Protocols.TLS_1_3, fromEnvironment.protocols());
        assertEquals(TlsConfig.Protocols.JVM_DEFAULT,
                parse(Map.of(), "--ssl-certfile", cert.toString(), "m:app").toServerConfig(APP).tls().protocols());
    }

    @Test
    void badSslValuesAreUsageErrors() throws Exception {
        ParameterException reqs = assertThrows(ParameterException.class,
                () -> parse(Map.of(), "--ssl-cert-reqs", "3", "m:app"));
        assertTrue(reqs.getMessage().contains("'3' is not 0 (none), 1 (optional) or 2 (required)"), reqs.getMessage());
        assertThrows(ParameterException.class, () -> parse(Map.of(), "--ssl-certfile", dir.resolve("no.pem").toString(),
                "m:app"));
        Path ca = file("ca.pem");
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(), "--ssl-ca-certs", ca.toString(), "m:app").toServerConfig(APP));
        assertTrue(alone.getMessage().contains("need --ssl-certfile (PEM) or --ssl-keystore"), alone.getMessage());
        IllegalArgumentException versionAlone = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(), "--ssl-version", "TLSv1.3", "m:app").toServerConfig(APP));
        assertTrue(versionAlone.getMessage().contains("need --ssl-certfile (PEM) or --ssl-keystore"),
                versionAlone.getMessage());
        ParameterException tls10 = assertThrows(ParameterException.class,
                () -> parse(Map.of(), "--ssl-version", "3", "m:app"));
        assertTrue(tls10.getMessage().contains("TLS 1.0, which the JVM disables as insecure (RFC 8996)"),
                tls10.getMessage());
        Path key = file("key.pem");
        IllegalArgumentException keyOnly = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(), "--ssl-keyfile", key.toString(), "m:app").toServerConfig(APP));
        assertTrue(keyOnly.getMessage().contains("ssl-keyfile needs ssl-certfile"), keyOnly.getMessage());
        Path cert = file("cert.pem");
        IllegalArgumentException noCa = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(), "--ssl-certfile", cert.toString(), "--ssl-cert-reqs", "1", "m:app")
                        .toServerConfig(APP));
        assertTrue(noCa.getMessage().contains("needs ssl-ca-certs"), noCa.getMessage());
    }
}
