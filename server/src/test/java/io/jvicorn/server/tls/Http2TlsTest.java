package io.jvicorn.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.server.H2spec;
import io.jvicorn.server.HttpProtocols;
import io.jvicorn.server.TlsConfig;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 over TLS: ALPN picks {@code h2} when the client offers it and the server serves it, {@code http/1.1}
 * otherwise, on one port; proven with the JDK's HttpClient, curl and h2spec.
 */
class Http2TlsTest {
    private static final KeyMaterial keys = KeyMaterial.shared();
    private static final String CURL = "/usr/bin/curl";
    /** h2spec over TLS with ALPN h2: every case, the invalid preface included (ALPN decided, so it is HTTP/2's). */
    private static final int H2SPEC_TLS = 146;

    private static TlsTestServer start(HttpProtocols http) throws Exception {
        return TlsTestServer.start(new ScopeApp(),
                b -> b.tls(TlsConfig.pem(keys.serverCert(), keys.serverKey())).http(http));
    }

    private static HttpClient client(HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().version(version).sslContext(keys.clientContext(false)).build();
    }

    @Test
    void theJdkClientNegotiatesH2AndMultiplexesStreams() throws Exception {
        try (TlsTestServer s = start(HttpProtocols.AUTO); HttpClient client = client(HttpClient.Version.HTTP_2)) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(s.url("/echo")))
                        .POST(HttpRequest.BodyPublishers.ofString("stream " + i)).build();
                answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < answers.size(); i++) {
                HttpResponse<String> r = answers.get(i).join();
                assertEquals(HttpClient.Version.HTTP_2, r.version());
                assertEquals(200, r.statusCode());
                assertEquals("stream " + i, r.body());
            }
            HttpResponse<String> scope = client.send(HttpRequest.newBuilder(URI.create(s.url("/scope"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(scope.body().startsWith("scheme=https\n"), scope.body());
            HttpResponse<byte[]> big = client.send(HttpRequest.newBuilder(URI.create(s.url("/big"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(ScopeApp.BIG_SIZE, big.body().length, "a body past every default window");
        }
    }

    @Test
    void aClientOfferingOnlyHttp11GetsHttp11OnTheSamePort() throws Exception {
        try (TlsTestServer s = start(HttpProtocols.AUTO); HttpClient client = client(HttpClient.Version.HTTP_1_1)) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(s.url("/"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_1_1, r.version());
            assertEquals("hello", r.body());
        }
    }

    @Test
    void aServerOfHttp11OnlyDoesNotOfferH2() throws Exception {
        try (TlsTestServer s = start(HttpProtocols.HTTP_1); HttpClient client = client(HttpClient.Version.HTTP_2)) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(s.url("/"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_1_1, r.version());
            assertEquals("hello", r.body());
        }
    }

    @Test
    void streamsOverTheConcurrencyLimitGet503AndTheConnectionServesOn() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Application holding = (scope, receive, send) -> {
            if (((HttpScope) scope).path().equals("/hold")) {
                entered.countDown();
                release.await();
            }
            send.send(new HttpResponseStart(200, List.of()));
            send.send(new HttpResponseBody("done".getBytes(StandardCharsets.US_ASCII)));
        };
        // Uvicorn's rule: refused once connections or running requests reach the limit; this connection is one.
        try (TlsTestServer s = TlsTestServer.start(holding, b -> b.tls(TlsConfig.pem(keys.serverCert(),
                keys.serverKey())).limitConcurrency(2));
             HttpClient client = client(HttpClient.Version.HTTP_2)) {
            // One request first: the client opens one connection for what follows (racing requests would open more).
            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(s.url("/now"))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpRequest hold = HttpRequest.newBuilder(URI.create(s.url("/hold"))).build();
            List<CompletableFuture<HttpResponse<String>>> held = List.of(
                    client.sendAsync(hold, HttpResponse.BodyHandlers.ofString()),
                    client.sendAsync(hold, HttpResponse.BodyHandlers.ofString()));
            HttpResponse<String> refused;
            try {
                assertTrue(entered.await(30, TimeUnit.SECONDS), "both held streams reached the application");
                refused = client.send(HttpRequest.newBuilder(URI.create(s.url("/now"))).build(),
                        HttpResponse.BodyHandlers.ofString());
            } finally {
                release.countDown();
            }
            assertEquals(HttpClient.Version.HTTP_2, refused.version());
            assertEquals(503, refused.statusCode());
            assertEquals("Service Unavailable", refused.body());
            for (CompletableFuture<HttpResponse<String>> r : held) {
                assertEquals("done", r.join().body());
            }
            HttpResponse<String> after = client.send(HttpRequest.newBuilder(URI.create(s.url("/now"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, after.statusCode(), "the same connection serves once the streams ended");
        }
    }

    @Test
    void curlSpeaksH2OverTls() throws Exception {
        H2spec.requireTool(new File(CURL).canExecute(), "curl is not installed");
        try (TlsTestServer s = start(HttpProtocols.AUTO)) {
            String out = KeyMaterial.run(List.of(CURL, "-sS", "--max-time", "10", "--http2", "--cacert",
                    keys.serverCert().toString(), "-w", " %{http_version}", s.url("/")));
            assertEquals("hello 2", out);
            String h1 = KeyMaterial.run(List.of(CURL, "-sS", "--max-time", "10", "--http1.1", "--cacert",
                    keys.serverCert().toString(), "-w", " %{http_version}", s.url("/")));
            assertEquals("hello 1.1", h1);
        }
    }

    @Test
    void pythonHttpxSpeaksH2OverTls() throws Exception {
        String python = "/usr/bin/python3";
        H2spec.Result probe = H2spec.run(List.of(python, "-c", "import httpx, h2"));
        H2spec.requireTool(probe.exit() == 0, "Debian's python3-httpx and python3-h2 are not installed");
        String script = """
                import ssl, sys, httpx
                context = ssl.create_default_context(cafile=sys.argv[2])
                with httpx.Client(http2=True, verify=context) as client:
                    answers = [client.post(sys.argv[1] + "/echo", content=("body %d" % i).encode()) for i in range(3)]
                    print(" ".join("%s:%d:%s" % (r.http_version, r.status_code, r.text) for r in answers))
                """;
        try (TlsTestServer s = start(HttpProtocols.AUTO)) {
            H2spec.Result r = H2spec.run(List.of(python, "-c", script, s.url(""), keys.serverCert().toString()));
            assertEquals(0, r.exit(), r.output());
            assertEquals("HTTP/2:200:body 0 HTTP/2:200:body 1 HTTP/2:200:body 2", r.output().strip());
        }
    }

    @Test
    void h2specPassesEveryCaseOverTls() throws Exception {
        try (TlsTestServer s = start(HttpProtocols.AUTO)) {
            H2spec.check(s.port(), true, H2SPEC_TLS, "TLS, ALPN h2, --http auto");
        }
    }
}
