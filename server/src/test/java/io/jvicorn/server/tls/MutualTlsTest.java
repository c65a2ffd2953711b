package io.jvicorn.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.server.TlsConfig;
import io.jvicorn.server.TlsConfig.ClientAuth;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Client certificates: {@code --ssl-cert-reqs 2} (required) and {@code 1} (optional) with {@code --ssl-ca-certs}. */
class MutualTlsTest {
    private static final String CURL = "/usr/bin/curl";

    private static final KeyMaterial keys = KeyMaterial.shared();

    private TlsConfig tls(ClientAuth mode) {
        // The client certificate is self-signed: it is its own CA.
        return TlsConfig.pem(keys.serverCert(), keys.serverKey()).withClientAuth(mode, keys.clientCert());
    }

    private static String get(boolean withClientCert, String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(keys.clientContext(withClientCert)).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void requiredClientCertificate() throws Exception {
        try (TlsTestServer s = TlsTestServer.https(tls(ClientAuth.REQUIRED))) {
            assertThrows(IOException.class, () -> get(false, s.url("/")));
            assertEquals("hello", get(true, s.url("/")));
        }
    }

    @Test
    void optionalClientCertificate() throws Exception {
        try (TlsTestServer s = TlsTestServer.https(tls(ClientAuth.OPTIONAL))) {
            assertEquals("hello", get(false, s.url("/")));
            assertEquals("hello", get(true, s.url("/")));
        }
    }

    @Test
    void curlWithAndWithoutAClientCertificate() throws Exception {
        Assumptions.assumeTrue(new File(CURL).canExecute(), "curl not installed");
        try (TlsTestServer s = TlsTestServer.https(tls(ClientAuth.REQUIRED))) {
            assertEquals("hello", KeyMaterial.run(List.of(CURL, "-sS", "--max-time", "10",
                    "--cacert", keys.serverCert().toString(), "--cert", keys.clientCert().toString(),
                    "--key", keys.clientKey().toString(), s.url("/"))));
            assertThrows(IllegalStateException.class, () -> KeyMaterial.run(List.of(CURL, "-sS", "--max-time", "10",
                    "--cacert", keys.serverCert().toString(), s.url("/"))));
        }
    }
}
