package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 served by the whole server over real sockets: prior knowledge on the plain port beside HTTP/1.1, with curl
 * (nghttp2) and h2spec ({@code ../shared/tools/h2spec.sh}). Outside CI a missing tool skips its test with a message;
 * under CI it fails.
 */
class Http2ServerTest {
    /**
     * h2spec cases the server passes on cleartext beside HTTP/1.1 ({@code --http auto}): all but 3.5 #2, whose "invalid
     * preface" ({@code INVALID CONNECTION PREFACE}) does not start like HTTP/2's and so is an HTTP/1.1 request, answered
     * 400; a connection that starts {@code PRI * HTTP/2.0} and goes wrong gets HTTP/2's GOAWAY (Http2HandoffTest).
     */
    static final int H2SPEC_AUTO = 145;
    /** h2spec cases the server passes speaking HTTP/2 only ({@code --http 2}). */
    static final int H2SPEC_HTTP2_ONLY = 146;

    /** Echoes the body after a line naming the version, method and path. */
    private static final Application ECHO = (scope, receive, send) -> {
        HttpScope http = (HttpScope) scope;
        byte[] body = Apps.readBody(receive);
        byte[] line = (http.httpVersion() + " " + http.method() + " " + http.path() + " "
                + http.headers().stream().filter(h -> h.name().equals("host")).map(Header::value).findFirst()
                        .orElse("-") + "\n").getBytes(StandardCharsets.US_ASCII);
        send.send(new HttpResponseStart(200, List.of(new Header("content-type", "text/plain"),
                new Header("content-length", Integer.toString(line.length + body.length)),
                new Header("Connection", "keep-alive")))); // HTTP/1.1's, left out over HTTP/2
        send.send(new HttpResponseBody(line, true));
        send.send(new HttpResponseBody(body, false));
    };

    @Test
    void curlSpeaksHttp2WithPriorKnowledgeAndHttp11OnTheSamePort() throws Exception {
        H2spec.requireTool(new File("/usr/bin/curl").canExecute(), "curl is not installed");
        try (TestServer s = TestServer.start(ECHO)) {
            H2spec.Result h2 = H2spec.run(List.of("curl", "-sS", "-i", "--http2-prior-knowledge", s.url("/a?b=1")));
            assertEquals(0, h2.exit(), h2.output());
            assertTrue(h2.output().startsWith("HTTP/2 200"), h2.output());
            assertTrue(h2.output().endsWith("2 GET /a 127.0.0.1:" + s.port() + "\n"), h2.output());
            assertTrue(!h2.output().toLowerCase(java.util.Locale.ROOT).contains("connection:"), h2.output());

            H2spec.Result h1 = H2spec.run(List.of("curl", "-sS", "--http1.1", s.url("/c")));
            assertEquals("1.1 GET /c 127.0.0.1:" + s.port() + "\n", h1.output());
        }
    }

    @Test
    void aBodyLargerThanEveryWindowGoesBothWays() throws Exception {
        H2spec.requireTool(new File("/usr/bin/curl").canExecute(), "curl is not installed");
        try (TestServer s = TestServer.start(ECHO)) {
            Path body = Files.createTempFile("h2-body", ".bin");
            Path out = Files.createTempFile("h2-out", ".bin");
            try {
                byte[] bytes = new byte[3 * 1024 * 1024];
                new java.util.Random(1).nextBytes(bytes);
                Files.write(body, bytes);
                H2spec.Result r = H2spec.run(List.of("curl", "-sS", "--http2-prior-knowledge", "--data-binary", "@" + body,
                        "-o", out.toString(), "-w", "%{http_version} %{response_code}", s.url("/up")));
                assertEquals("2 200", r.output());
                byte[] got = Files.readAllBytes(out);
                String line = "2 POST /up 127.0.0.1:" + s.port() + "\n";
                assertEquals(line.length() + bytes.length, got.length);
                assertTrue(java.util.Arrays.equals(bytes, java.util.Arrays.copyOfRange(got, line.length(),
                        got.length)), "the body came back intact");
            } finally {
                Files.delete(body);
                Files.delete(out);
            }
        }
    }

    /**
     * A response's last part larger than the client's windows (1 KiB each, nghttp {@code -w 10 -W 10}): it waits for
     * window updates after the application handed it over; the connection still sends every byte, and lets the stream
     * go so that the next streams on the connection are served.
     */
    @Test
    void aLastPartThatWaitsForTheWindowAfterTheApplicationReturnedIsSentWhole() throws Exception {
        H2spec.requireTool(new File("/usr/bin/nghttp").canExecute(), "nghttp is not installed (Debian's nghttp2-client)");
        try (TestServer s = TestServer.start(ECHO)) {
            Path body = Files.createTempFile("h2-body", ".bin");
            try {
                byte[] bytes = new byte[64 * 1024];
                new java.util.Random(2).nextBytes(bytes);
                Files.write(body, bytes);
                String one = "2 POST /one 127.0.0.1:" + s.port() + "\n";
                byte[] got = nghttpSmallWindows(body, s.url("/one"));
                assertEquals(one + new String(bytes, StandardCharsets.ISO_8859_1),
                        new String(got, StandardCharsets.ISO_8859_1));

                // Three streams on one connection; their DATA frames interleave on stdout, so count and look.
                got = nghttpSmallWindows(body, s.url("/a"), s.url("/b"), s.url("/c"));
                String text = new String(got, StandardCharsets.ISO_8859_1);
                String a = "2 POST /a 127.0.0.1:" + s.port() + "\n"; // as long as /b's and /c's
                assertEquals(3 * (a.length() + bytes.length), got.length);
                for (String path : List.of("/a", "/b", "/c")) {
                    assertTrue(text.contains("2 POST " + path + " 127.0.0.1:" + s.port() + "\n"), path);
                }
            } finally {
                Files.delete(body);
            }
        }
    }

    /** POSTs a file to each URL on one connection with 1 KiB windows; the bodies nghttp printed. */
    private static byte[] nghttpSmallWindows(Path body, String... urls) throws Exception {
        List<String> command = new ArrayList<>(List.of("nghttp", "-w", "10", "-W", "10", "-d", body.toString()));
        command.addAll(List.of(urls));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] got = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "nghttp finished");
        assertEquals(0, p.exitValue(), "nghttp's exit status");
        return got;
    }

    @Test
    void h2loadGetsEveryResponseOverMultiplexedStreams() throws Exception {
        H2spec.requireTool(new File("/usr/bin/h2load").canExecute(), "h2load is not installed (nghttp2-client)");
        try (TestServer s = TestServer.start(ECHO)) {
            H2spec.Result r = H2spec.run(List.of("h2load", "-n", "4000", "-c", "4", "-m", "16", "-t", "1",
                    s.url("/load")));
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("requests: 4000 total, 4000 started, 4000 done, 4000 succeeded, 0 failed, "
                    + "0 errored, 0 timeout"), r.output());
            assertTrue(r.output().contains("status codes: 4000 2xx, 0 3xx, 0 4xx, 0 5xx"), r.output());
        }
    }

    @Test
    void h2specPassesOnCleartextBesideHttp11() throws Exception {
        assertTrue(h2spec(HttpProtocols.AUTO) >= H2SPEC_AUTO);
    }

    @Test
    void h2specPassesEveryCaseWhenOnlyHttp2IsServed() throws Exception {
        assertTrue(h2spec(HttpProtocols.HTTP_2) >= H2SPEC_HTTP2_ONLY);
    }

    private static int h2spec(HttpProtocols http) throws Exception {
        try (TestServer s = TestServer.start(ECHO, b -> b.http(http))) {
            return H2spec.check(s.port(), false, http == HttpProtocols.HTTP_2 ? H2SPEC_HTTP2_ONLY : H2SPEC_AUTO,
                    "cleartext, --http " + http);
        }
    }
}
