package io.jvicorn.staticfiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponsePathsend;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.SendEvent;
import io.jvicorn.http.HttpDate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StaticFiles} driven in memory: the messages it sends for each request. */
class StaticFilesTest {
    private static final long MODIFIED = 1_700_000_000L;
    private static final Application FALLBACK = (scope, receive, send) -> {
        send.send(new HttpResponseStart(299, List.of()));
        send.send(new HttpResponseBody("app".getBytes(StandardCharsets.US_ASCII)));
    };

    @TempDir
    Path base;
    Path root;
    StaticFiles files;

    /** What the application sent for one request. */
    record Answer(int status, List<Header> headers, byte[] body, Path file) {
        String header(String name) {
            return Header.first(headers, name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectories(base.resolve("public"));
        write("app.js", "console.log('hi')");
        write("big.bin", "0123456789".repeat(1000));
        write("docs/index.html", "<h1>docs</h1>");
        write("styles.css", "body{}");
        write("styles.css.br", "BROTLI");
        write("styles.css.gz", "GZIP");
        files = new StaticFiles("/static", root, Duration.ofDays(1), FALLBACK);
    }

    private void write(String name, String content) throws Exception {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(MODIFIED * 1000));
    }

    private Answer get(String path, String... headers) throws Exception {
        return request("GET", path, path, headers);
    }

    private Answer request(String method, String path, String rawPath, String... nameValue) throws Exception {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            headers.add(Header.of(nameValue[i], nameValue[i + 1]));
        }
        HttpScope scope = new HttpScope(AsgiVersion.HTTP, "1.1", method, "http", path,
                rawPath.getBytes(StandardCharsets.ISO_8859_1), "q=1".getBytes(StandardCharsets.US_ASCII), "", headers,
                null, null, Map.of(), Map.of());
        List<SendEvent> sent = new ArrayList<>();
        files.call(scope, () -> new HttpRequest(new byte[0], false), sent::add);
        HttpResponseStart start = (HttpResponseStart) sent.get(0);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Path file = null;
        for (SendEvent event : sent.subList(1, sent.size())) {
            if (event instanceof HttpResponseBody part) {
                body.write(part.body());
            } else {
                file = ((HttpResponsePathsend) event).path();
                body.write(Files.readAllBytes(file));
            }
        }
        return new Answer(start.status(), start.headers(), body.toByteArray(), file);
    }

    @Test
    void aSmallFileWithItsValidatorsSentFromMemory() throws Exception {
        Answer a = get("/static/app.js");
        assertEquals(200, a.status());
        assertEquals("console.log('hi')", a.text());
        assertNull(a.file(), "a small file is sent as a body part, from the bytes kept between requests");
        assertEquals("text/javascript; charset=utf-8", a.header("content-type"));
        assertEquals("17", a.header("content-length"));
        assertEquals(HttpDate.format(MODIFIED), a.header("last-modified"));
        assertEquals("\"" + Long.toHexString(MODIFIED) + "-11\"", a.header("etag"));
        assertEquals("bytes", a.header("accept-ranges"));
        assertEquals("max-age=86400", a.header("cache-control"));
        assertNull(a.header("content-encoding"));
    }

    @Test
    void aLargeFileIsSentAsPathsendFromItsRealPath() throws Exception {
        byte[] large = new byte[SmallFileCache.MAX_FILE_BYTES + 1];
        Arrays.fill(large, (byte) 'x');
        Files.write(root.resolve("docs/large.bin"), large);
        Files.createSymbolicLink(root.resolve("large-alias.bin"), root.resolve("docs/large.bin"));
        Answer a = get("/static/large-alias.bin");
        assertEquals(200, a.status());
        assertEquals(root.resolve("docs/large.bin").toRealPath(), a.file());
        assertArrayEquals(large, a.body());
        assertEquals(Integer.toString(large.length), a.header("content-length"));
    }

    @Test
    void aSmallFileChangedBetweenRequestsIsServedAsItIsNow() throws Exception {
        assertEquals("console.log('hi')", get("/static/app.js").text());
        Files.writeString(root.resolve("app.js"), "console.log('changed')");
        Answer a = get("/static/app.js");
        assertEquals("console.log('changed')", a.text());
        assertEquals("22", a.header("content-length"));
    }

    @Test
    void headHasTheHeadersAndNoBody() throws Exception {
        Answer a = request("HEAD", "/static/app.js", "/static/app.js");
        assertEquals(200, a.status());
        assertEquals("17", a.header("content-length"));
        assertEquals(0, a.body().length);
    }

    @Test
    void otherPathsAndScopesGoToTheApplication() throws Exception {
        assertEquals(299, get("/").status());
        assertEquals(299, get("/staticfile").status());
        assertEquals(299, get("/other/static/app.js").status());
        List<SendEvent> sent = new ArrayList<>();
        boolean[] called = {false};
        new StaticFiles("/static", root, null, (scope, receive, send) -> called[0] = true)
                .call(new LifespanScope(AsgiVersion.LIFESPAN, Map.of()), () -> null, sent::add);
        assertTrue(called[0]);
    }

    @Test
    void conditionalRequests() throws Exception {
        String etag = get("/static/app.js").header("etag");
        Answer notModified = get("/static/app.js", "if-none-match", etag);
        assertEquals(304, notModified.status());
        assertEquals(etag, notModified.header("etag"));
        assertEquals("max-age=86400", notModified.header("cache-control"));
        assertEquals(0, notModified.body().length);
        assertEquals(304, get("/static/app.js", "if-modified-since", HttpDate.format(MODIFIED)).status());
        assertEquals(200, get("/static/app.js", "if-modified-since", HttpDate.format(MODIFIED - 60)).status());
        assertEquals(412, get("/static/app.js", "if-match", "\"other\"").status());
        assertEquals(412, get("/static/app.js", "if-unmodified-since", HttpDate.format(MODIFIED - 60)).status());
    }

    @Test
    void oneRangeIsPartialContent() throws Exception {
        Answer a = get("/static/big.bin", "range", "bytes=5-14");
        assertEquals(206, a.status());
        assertEquals("bytes 5-14/10000", a.header("content-range"));
        assertEquals("10", a.header("content-length"));
        assertEquals("5678901234", a.text());
        Answer tail = get("/static/big.bin", "range", "bytes=-70000");
        assertEquals(206, tail.status());
        assertEquals(10_000, tail.body().length);
        assertArrayEquals(Files.readAllBytes(root.resolve("big.bin")), tail.body());
    }

    @Test
    void rangesPastTheEndAre416AndSeveralRangesTheWholeFile() throws Exception {
        Answer past = get("/static/big.bin", "range", "bytes=10000-");
        assertEquals(416, past.status());
        assertEquals("bytes */10000", past.header("content-range"));
        assertEquals(200, get("/static/big.bin", "range", "bytes=0-1,5-6").status());
        assertEquals(200, request("HEAD", "/static/big.bin", "/static/big.bin", "range", "bytes=0-1").status());
    }

    @Test
    void aStaleIfRangeGetsTheWholeFile() throws Exception {
        Answer a = get("/static/big.bin", "range", "bytes=0-1", "if-range", "\"stale\"");
        assertEquals(200, a.status());
        assertEquals(10_000, a.body().length);
        String etag = get("/static/big.bin").header("etag");
        assertEquals(206, get("/static/big.bin", "range", "bytes=0-1", "if-range", etag).status());
    }

    @Test
    void precompressedSiblingsWhenAccepted() throws Exception {
        Answer br = get("/static/styles.css", "accept-encoding", "gzip, deflate, br");
        assertEquals("BROTLI", br.text());
        assertEquals("br", br.header("content-encoding"));
        assertEquals("accept-encoding", br.header("vary"));
        assertEquals("text/css; charset=utf-8", br.header("content-type"));
        assertTrue(br.header("etag").endsWith("-br\""), br.header("etag"));
        Answer gzip = get("/static/styles.css", "accept-encoding", "gzip");
        assertEquals("GZIP", gzip.text());
        assertEquals("gzip", gzip.header("content-encoding"));
        Answer identity = get("/static/styles.css", "accept-encoding", "br;q=0, gzip;q=0");
        assertEquals("body{}", identity.text());
        assertNull(identity.header("content-encoding"));
        assertEquals("body{}", get("/static/styles.css").text());
    }

    @Test
    void directoriesServeTheirIndexAfterASlashRedirect() throws Exception {
        Answer redirect = get("/static/docs");
        assertEquals(301, redirect.status());
        assertEquals("/static/docs/?q=1", redirect.header("location"));
        Answer index = get("/static/docs/");
        assertEquals(200, index.status());
        assertEquals("<h1>docs</h1>", index.text());
        assertEquals("text/html; charset=utf-8", index.header("content-type"));
        assertEquals(404, get("/static/").status()); // the root has no index.html
    }

    @Test
    void missingFilesAndOtherMethods() throws Exception {
        assertEquals(404, get("/static/nope.js").status());
        assertEquals(404, get("/static/app.js/x").status());
        Answer post = request("POST", "/static/app.js", "/static/app.js");
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.header("allow"));
    }

    @Test
    void traversalIsRefused() throws Exception {
        Files.writeString(base.resolve("secret.txt"), "secret");
        assertEquals(400, request("GET", "/static/../secret.txt", "/static/../secret.txt").status());
        Answer encoded = request("GET", "/static/../secret.txt", "/static/%2e%2e/secret.txt");
        assertEquals(400, encoded.status());
        assertEquals("Bad Request: a dot segment (. or ..) in the path", encoded.text());
        assertEquals(400, request("GET", "/static/docs/index.html", "/static/docs%2findex.html").status());
        assertEquals(400, request("GET", "/static/..\\secret.txt", "/static/..%5csecret.txt").status());
        assertEquals(400, request("GET", "/static/app.js\0.png", "/static/app.js%00.png").status());
    }

    @Test
    void symbolicLinksMayNotLeadOutsideTheDirectory() throws Exception {
        Files.writeString(base.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("escape.txt"), base.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outside"), base);
        Files.createSymbolicLink(root.resolve("inside.js"), root.resolve("app.js"));
        assertEquals(404, get("/static/escape.txt").status());
        assertEquals(404, get("/static/outside/secret.txt").status());
        Answer inside = get("/static/inside.js");
        assertEquals(200, inside.status());
        assertEquals("console.log('hi')", inside.text());
    }

    @Test
    void symbolicLinksAreCheckedAtEveryDepth() throws Exception {
        Files.writeString(base.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("docs/up"), base);
        Files.createSymbolicLink(root.resolve("docs/escape.txt"), base.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("docs"));
        Files.createSymbolicLink(root.resolve("dangling.js"), root.resolve("none.js"));
        assertEquals(404, get("/static/docs/up/secret.txt").status());
        assertEquals(404, get("/static/docs/escape.txt").status());
        assertEquals(404, get("/static/alias/up/secret.txt").status());
        assertEquals(404, get("/static/dangling.js").status());
        Answer throughAlias = get("/static/alias/index.html");
        assertEquals(200, throughAlias.status());
        assertEquals("<h1>docs</h1>", throughAlias.text());
        assertEquals("<h1>docs</h1>", get("/static/alias/").text());
    }

    @Test
    void badConfigurationIsNamed() {
        IllegalArgumentException route = assertThrows(IllegalArgumentException.class,
                () -> new StaticFiles("static", root, null, FALLBACK));
        assertEquals("the static route must start with '/', got 'static'", route.getMessage());
        IllegalArgumentException file = assertThrows(IllegalArgumentException.class,
                () -> new StaticFiles("/static", root.resolve("app.js"), null, FALLBACK));
        assertTrue(file.getMessage().endsWith("app.js is not a directory"), file.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new StaticFiles("/static", root.resolve("none"), null, FALLBACK));
        assertTrue(missing.getMessage().endsWith("none does not exist"), missing.getMessage());
    }

    @Test
    void theRootRouteServesEverything() throws Exception {
        files = new StaticFiles("/", root, null, FALLBACK);
        Answer a = get("/app.js");
        assertEquals(200, a.status());
        assertNull(a.header("cache-control"));
    }
}
