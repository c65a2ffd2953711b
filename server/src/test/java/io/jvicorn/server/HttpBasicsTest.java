package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpResponseTrailers;
import io.jvicorn.asgi.HttpScope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HttpBasicsTest {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void getThroughJdkClient() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello())) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(s.url("/"))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("hello", r.body());
            assertEquals("jvicorn", r.headers().firstValue("server").orElseThrow());
            assertTrue(r.headers().firstValue("date").orElseThrow().endsWith(" GMT"));
        }
    }

    @Test
    void postEchoOfOneMegabyte() throws Exception {
        byte[] payload = new byte[1024 * 1024];
        new Random(1).nextBytes(payload);
        try (TestServer s = TestServer.start(Apps.echo())) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(s.url("/echo")))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertArrayEquals(payload, r.body());
        }
    }

    @Test
    void largeBodiesBackToBackOnOneConnection() throws Exception {
        // Each body crosses the read-pause mark; the end of a body can be owed by the parser when reading resumes.
        byte[] payload = new byte[300_000];
        new Random(3).nextBytes(payload);
        try (TestServer s = TestServer.start(Apps.echo())) {
            for (int i = 0; i < 20; i++) {
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(s.url("/echo")))
                        .timeout(java.time.Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertArrayEquals(payload, r.body(), "request " + i);
            }
        }
    }

    @Test
    void chunkedRequestBodyIsDechunked() throws Exception {
        try (TestServer s = TestServer.start(Apps.echo()); RawClient c = s.raw()) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
            RawClient.Response r = c.response();
            assertEquals(200, r.status());
            assertEquals("hello world", r.text());
        }
    }

    @Test
    void keepAliveCarriesSeveralRequests() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello()); RawClient c = s.raw()) {
            for (int i = 0; i < 3; i++) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                RawClient.Response r = c.response();
                assertEquals("HTTP/1.1 200 OK", r.statusLine());
                assertEquals("hello", r.text());
                assertNull(r.header("connection"));
            }
        }
    }

    @Test
    void pipelinedRequestsAnsweredInOrder() throws Exception {
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            HttpScope http = (HttpScope) scope;
            byte[] body = http.path().getBytes(StandardCharsets.UTF_8);
            send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(body.length)))));
            send.send(new HttpResponseBody(body));
        }); RawClient c = s.raw()) {
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                pipeline.append("GET /r").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            c.send(pipeline.toString());
            for (int i = 0; i < 40; i++) {
                assertEquals("/r" + i, c.response().text());
            }
        }
    }

    @Test
    void streamedResponseIsChunkedOn11() throws Exception {
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of()));
            send.send(new HttpResponseBody("ab".getBytes(StandardCharsets.US_ASCII), true));
            send.send(new HttpResponseBody("cd".getBytes(StandardCharsets.US_ASCII), false));
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response r = c.response();
            assertEquals("chunked", r.header("transfer-encoding"));
            assertEquals("abcd", r.text());
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("abcd", c.response().text());
        }
    }

    @Test
    void streamedResponseOn10IsCloseDelimited() throws Exception {
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            assertEquals("1.0", ((HttpScope) scope).httpVersion());
            send.send(new HttpResponseStart(200, List.of()));
            send.send(new HttpResponseBody("ab".getBytes(StandardCharsets.US_ASCII), true));
            send.send(new HttpResponseBody("cd".getBytes(StandardCharsets.US_ASCII), false));
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.0\r\n\r\n");
            RawClient.Response r = c.response();
            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertNull(r.header("transfer-encoding"));
            assertEquals("abcd", r.text());
        }
    }

    @Test
    void http10KeepAliveOnRequest() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello()); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawClient.Response r = c.response();
            assertEquals("keep-alive", r.header("connection"));
            c.send("GET / HTTP/1.0\r\n\r\n");
            assertEquals("hello", c.response().text());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void headHasGetHeadersAndNoBody() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello()); RawClient c = s.raw()) {
            c.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response r = c.response(true);
            assertEquals("5", r.header("content-length"));
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("hello", c.response().text()); // no stray body bytes were sent after the HEAD response
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello()); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response r = c.response();
            assertEquals("close", r.header("connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void requestTargetForms() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            HttpScope http = (HttpScope) scope;
            seen.add(http.method() + " " + http.path() + " " + new String(http.queryString(), StandardCharsets.US_ASCII));
            Apps.hello().call(scope, receive, send);
        }); RawClient c = s.raw()) {
            c.send("\r\n\r\nGET http://example.com/abs/path?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n");
            assertEquals(200, c.response().status());
            c.send("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, c.response().status());
            assertEquals(List.of("GET /abs/path q=1", "OPTIONS * "), seen);
        }
    }

    @Test
    void otherUpgradesAreServedAsPlainHttp() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello()); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
            RawClient.Response r = c.response();
            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertEquals("hello", r.text());
        }
    }

    @Test
    void webSocketUpgradeWithWebSocketsOffIsPlainHttp() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello(), b -> b.webSocket(new ServerConfig.WebSocketSettings(
                false, 1 << 20, 32, null, null, true))); RawClient c = s.raw()) {
            c.send("GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertEquals(200, c.response().status());
        }
    }

    @Test
    void lastRequestBodyIsStillRead() throws Exception {
        try (TestServer s = TestServer.start(Apps.echo()); RawClient c = s.raw()) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 4\r\n\r\n");
            c.send("body");
            RawClient.Response r = c.response();
            assertEquals("body", r.text());
            assertEquals("close", r.header("connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void noContentHasNoBody() throws Exception {
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            send.send(new HttpResponseStart(204, List.of()));
            send.send(new HttpResponseBody(new byte[0]));
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response r = c.response();
            assertEquals(204, r.status());
            assertNull(r.header("content-length"));
            assertNull(r.header("transfer-encoding"));
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(204, c.response().status());
        }
    }

    @Test
    void scopeCarriesAsgiFields() throws Exception {
        AtomicReference<HttpScope> seen = new AtomicReference<>();
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            seen.set((HttpScope) scope);
            Apps.hello().call(scope, receive, send);
        }, b -> b.rootPath("/app")); RawClient c = s.raw()) {
            c.send("GET /one%2Ftwo/%C3%A9?a=1&b=%20 HTTP/1.1\r\nHost: example.com\r\nX-Custom: Va\u00e9lue\r\nx-custom: second\r\n\r\n");
            assertEquals(200, c.response().status());
            HttpScope scope = seen.get();
            assertEquals("http", scope.type());
            assertEquals("3.0", scope.asgi().version());
            assertEquals("1.1", scope.httpVersion());
            assertEquals("GET", scope.method());
            assertEquals("http", scope.scheme());
            assertEquals("/app/one/two/\u00e9", scope.path());
            assertEquals("/app/one%2Ftwo/%C3%A9", new String(scope.rawPath(), StandardCharsets.US_ASCII));
            assertEquals("a=1&b=%20", new String(scope.queryString(), StandardCharsets.US_ASCII));
            assertEquals("/app", scope.rootPath());
            assertEquals(List.of(Header.of("host", "example.com"), Header.of("x-custom", "Va\u00e9lue"), Header.of("x-custom", "second")), scope.headers());
            assertNotNull(scope.client());
            assertEquals("127.0.0.1", scope.client().host());
            assertEquals(s.port(), scope.server().port());
            assertTrue(scope.extensions().containsKey("http.response.trailers"));
        }
    }

    @Test
    void trailersAreSentWhenChunked() throws Exception {
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of(Header.of("trailer", "x-checksum")), true));
            send.send(new HttpResponseBody("data".getBytes(StandardCharsets.US_ASCII), true));
            send.send(new HttpResponseBody(new byte[0], false));
            send.send(new HttpResponseTrailers(List.of(Header.of("x-checksum", "abc")), false));
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\nTE: trailers\r\nConnection: close\r\n\r\n");
            String all = c.readAll();
            assertTrue(all.contains("transfer-encoding: chunked\r\n"), all);
            assertTrue(all.endsWith("4\r\ndata\r\n0\r\nx-checksum: abc\r\n\r\n"), all);
        }
    }

    @Test
    void pathsendStreamsAFile() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("jvicorn", ".bin");
        byte[] content = new byte[200_000];
        new Random(2).nextBytes(content);
        java.nio.file.Files.write(file, content);
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(content.length)))));
            send.send(new io.jvicorn.asgi.HttpResponsePathsend(file.toAbsolutePath()));
        })) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(s.url("/f"))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(content, r.body());
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void noServerOrDateHeaderWhenSwitchedOff() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello(), b -> b.serverHeader(false).dateHeader(false).header(Header.of("x-extra", "1")));
             RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response r = c.response();
            assertNull(r.header("server"));
            assertNull(r.header("date"));
            assertEquals("1", r.header("x-extra"));
        }
    }
}
