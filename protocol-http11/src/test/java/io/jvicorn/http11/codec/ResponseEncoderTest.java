package io.jvicorn.http11.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte-exact response vectors: framing, HEAD, bodiless statuses, trailers, connection handling and misuse. */
class ResponseEncoderTest {
    private static final DefaultHeaders NONE = DefaultHeaders.create(false, false, List.of());
    private static final byte[] NO_BYTES = new byte[0];

    private final OutputBuffer out = new OutputBuffer();
    private final ResponseEncoder encoder = new ResponseEncoder(NONE);

    private static RequestHead request(String method, HttpVersion version, boolean keepAlive) {
        return new RequestHead(method, version, TargetForm.ORIGIN, new byte[] {'/'}, NO_BYTES, List.of(), 0, false,
                keepAlive, false, false);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The bytes written since the last call. */
    private String written() {
        String s = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
        out.clear();
        return s;
    }

    @Test
    void fixedLengthFromTheApplication() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(Header.of("content-type", "text/plain"), Header.of("Content-Length", "5")), false, out);
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nContent-Length: 5\r\n\r\n", written());
        encoder.body(b("hel"), true, out);
        assertFalse(encoder.isComplete());
        encoder.body(b("lo"), false, out);
        assertEquals("hello", written());
        assertTrue(encoder.isComplete());
        assertTrue(encoder.keepAlive());
        assertEquals(200, encoder.status());
        assertEquals(5, encoder.bodyBytes());
    }

    @Test
    void singleFinalBodyGetsAContentLength() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(404, List.of(Header.of("content-type", "text/plain")), false, out);
        assertTrue(encoder.isHeadPending());
        assertEquals("", written());
        encoder.body(b("missing"), false, out);
        assertEquals("HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\ncontent-length: 7\r\n\r\nmissing", written());
        assertTrue(encoder.isComplete());
    }

    @Test
    void emptyFinalBodyGetsContentLengthZero() {
        encoder.begin(request("POST", HttpVersion.HTTP_1_1, true));
        encoder.start(201, List.of(), false, out);
        encoder.body(NO_BYTES, false, out);
        assertEquals("HTTP/1.1 201 Created\r\ncontent-length: 0\r\n\r\n", written());
    }

    @Test
    void streamedBodyIsChunkedOnHttp11() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(Header.of("x-a", "1")), false, out);
        encoder.body(b("hello"), true, out);
        assertEquals("HTTP/1.1 200 OK\r\nx-a: 1\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n", written());
        encoder.body(NO_BYTES, true, out);
        assertEquals("", written());
        encoder.body(b("0123456789abcdefghij"), true, out);
        assertEquals("14\r\n0123456789abcdefghij\r\n", written());
        encoder.body(b(" world"), false, out);
        assertEquals("6\r\n world\r\n0\r\n\r\n", written());
        assertTrue(encoder.isComplete());
        assertTrue(encoder.keepAlive());
    }

    @Test
    void streamedBodyEndingEmptyWritesOnlyTheTerminator() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(), false, out);
        encoder.body(b("a"), true, out);
        written();
        encoder.body(NO_BYTES, false, out);
        assertEquals("0\r\n\r\n", written());
    }

    @Test
    void applicationTransferEncodingIsIgnoredAndLaterContentLengthsDropped() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(Header.of("Transfer-Encoding", "gzip"), Header.of("content-length", "2"),
                Header.of("content-length", "3")), false, out);
        encoder.body(b("ok"), false, out);
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok", written());
    }

    @Test
    void http10StreamedBodyIsCloseDelimited() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_0, true));
        encoder.start(200, List.of(), false, out);
        assertTrue(encoder.keepAlive()); // tentative while the head is pending
        encoder.body(b("a"), true, out);
        assertEquals("HTTP/1.1 200 OK\r\nconnection: close\r\n\r\na", written());
        assertFalse(encoder.keepAlive());
        encoder.body(b("b"), false, out);
        assertEquals("b", written());
        assertTrue(encoder.isComplete());
    }

    @Test
    void http10KeepAliveSingleBody() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_0, true));
        encoder.start(200, List.of(), false, out);
        encoder.body(b("hi"), false, out);
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nhi", written());
        assertTrue(encoder.keepAlive());
    }

    @Test
    void http10WithoutKeepAlive() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_0, false));
        encoder.start(200, List.of(), false, out);
        encoder.body(b("hi"), false, out);
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nhi", written());
        assertFalse(encoder.keepAlive());
    }

    @Test
    void requestAskingToCloseGetsConnectionClose() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, false));
        encoder.start(200, List.of(Header.of("content-length", "0")), false, out);
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n", written());
        assertFalse(encoder.keepAlive());
    }

    @Test
    void applicationConnectionCloseIsHonouredNotDuplicated() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(Header.of("Connection", "Close")), false, out);
        encoder.body(b("x"), false, out);
        assertEquals("HTTP/1.1 200 OK\r\nConnection: Close\r\ncontent-length: 1\r\n\r\nx", written());
        assertFalse(encoder.keepAlive());
    }

    @Test
    void headResponseWithApplicationContentLengthHasNoBody() {
        encoder.begin(request("HEAD", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(Header.of("content-length", "100")), false, out);
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n", written());
        encoder.body(NO_BYTES, false, out);
        assertEquals("", written());
        assertTrue(encoder.isComplete());
        assertTrue(encoder.keepAlive());
    }

    @Test
    void headResponseGetsTheLengthOfTheBodyAGetWouldHave() {
        encoder.begin(request("HEAD", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(), false, out);
        encoder.body(b("hello"), false, out);
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n", written());
        assertEquals(5, encoder.bodyBytes());
    }

    @Test
    void headResponseWithEmptyOrStreamedBodyClaimsNoLength() {
        encoder.begin(request("HEAD", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(), false, out);
        encoder.body(NO_BYTES, false, out);
        assertEquals("HTTP/1.1 200 OK\r\n\r\n", written());

        encoder.begin(request("HEAD", HttpVersion.HTTP_1_0, true));
        encoder.start(200, List.of(), false, out);
        encoder.body(b("a"), true, out);
        encoder.body(b("b"), false, out);
        assertEquals("HTTP/1.1 200 OK\r\nconnection: keep-alive\r\n\r\n", written());
        assertTrue(encoder.keepAlive());
    }

    @Test
    void noContentAndNotModifiedHaveNoBodyAndNoAddedLength() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(204, List.of(), false, out);
        assertEquals("HTTP/1.1 204 No Content\r\n\r\n", written());
        encoder.body(NO_BYTES, false, out);
        assertEquals("", written());
        assertTrue(encoder.isComplete());

        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(304, List.of(Header.of("etag", "\"x\""), Header.of("content-length", "10")), false, out);
        assertEquals("HTTP/1.1 304 Not Modified\r\netag: \"x\"\r\ncontent-length: 10\r\n\r\n", written());
        encoder.body(NO_BYTES, false, out);
        assertEquals("", written());
        assertTrue(encoder.isComplete());
    }

    @Test
    void trailersOnAChunkedBody() {
        encoder.begin(request("POST", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(Header.of("trailer", "x-checksum")), true, out);
        assertEquals("HTTP/1.1 200 OK\r\ntrailer: x-checksum\r\ntransfer-encoding: chunked\r\n\r\n", written());
        encoder.body(b("abc"), false, out);
        assertEquals("3\r\nabc\r\n", written());
        assertFalse(encoder.isComplete());
        encoder.trailers(List.of(Header.of("x-checksum", "1")), true, out);
        assertEquals("0\r\nx-checksum: 1\r\n", written());
        encoder.trailers(List.of(Header.of("x-b", "2")), false, out);
        assertEquals("x-b: 2\r\n\r\n", written());
        assertTrue(encoder.isComplete());
        assertThrows(IllegalStateException.class, () -> encoder.trailers(List.of(), false, out));
    }

    @Test
    void emptyTrailerSection() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(), true, out);
        written();
        encoder.body(NO_BYTES, false, out);
        encoder.trailers(List.of(), false, out);
        assertEquals("0\r\n\r\n", written());
    }

    @Test
    void trailersAreDroppedWhenTheBodyIsNotChunked() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(Header.of("content-length", "3")), true, out);
        encoder.body(b("abc"), false, out);
        assertFalse(encoder.isComplete());
        encoder.trailers(List.of(Header.of("x-checksum", "1")), false, out);
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nabc", written());
        assertTrue(encoder.isComplete());
    }

    @Test
    void trailersMisuse() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(), false, out);
        encoder.body(b("a"), false, out);
        assertThrows(IllegalStateException.class, () -> encoder.trailers(List.of(), false, out));
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(), true, out);
        assertThrows(IllegalStateException.class, () -> encoder.trailers(List.of(), false, out));
    }

    @Test
    void contentLongerThanContentLength() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(Header.of("content-length", "5")), false, out);
        encoder.body(b("abc"), true, out);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> encoder.body(b("def"), true, out));
        assertEquals("Response content longer than Content-Length", e.getMessage());
    }

    @Test
    void contentShorterThanContentLength() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(Header.of("content-length", "5")), false, out);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> encoder.body(b("abc"), false, out));
        assertEquals("Response content shorter than Content-Length", e.getMessage());
    }

    @Test
    void misuse() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        assertFalse(encoder.isStarted());
        assertThrows(IllegalStateException.class, () -> encoder.body(b("a"), false, out));
        assertThrows(IllegalArgumentException.class, () -> encoder.start(99, List.of(), false, out));
        assertThrows(IllegalArgumentException.class,
                () -> encoder.start(200, List.of(Header.of("content-length", "1e3")), false, out));
        assertThrows(IllegalArgumentException.class,
                () -> encoder.start(200, List.of(Header.of("content-length", "")), false, out));
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(), false, out);
        assertTrue(encoder.isStarted());
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> encoder.start(200, List.of(), false, out));
        assertEquals("Response already started", twice.getMessage());
        encoder.body(b("a"), false, out);
        assertThrows(IllegalStateException.class, () -> encoder.body(b("a"), false, out));
    }

    @Test
    void startCanBeRetriedAfterAMalformedContentLength() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        assertThrows(IllegalArgumentException.class, () -> encoder.start(200,
                List.of(Header.of("connection", "close"), Header.of("content-length", "x")), false, out));
        assertFalse(encoder.isStarted());
        encoder.start(500, List.of(), false, out);
        encoder.body(b("oops"), false, out);
        assertEquals("HTTP/1.1 500 Internal Server Error\r\ncontent-length: 4\r\n\r\noops", written());
        assertTrue(encoder.keepAlive());
    }

    @Test
    void flushHeadCommitsStreamingFraming() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(), false, out);
        encoder.flushHead(out);
        assertFalse(encoder.isHeadPending());
        assertEquals("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n", written());
        encoder.flushHead(out);
        assertEquals("", written());
        encoder.body(b("ab"), false, out);
        assertEquals("2\r\nab\r\n0\r\n\r\n", written());
    }

    @Test
    void unknownStatusHasAnEmptyReason() {
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(599, List.of(), false, out);
        encoder.body(NO_BYTES, false, out);
        assertEquals("HTTP/1.1 599 \r\ncontent-length: 0\r\n\r\n", written());
    }

    @Test
    void defaultHeadersComeFirstAndYieldToTheApplication() {
        DefaultHeaders defaults = DefaultHeaders.create(true, true, List.of(Header.of("x-extra", "e")));
        defaults.refreshDate(784111777000L);
        ResponseEncoder enc = new ResponseEncoder(defaults);
        enc.begin(request("GET", HttpVersion.HTTP_1_1, true));
        enc.start(200, List.of(Header.of("content-length", "0")), false, out);
        assertEquals("HTTP/1.1 200 OK\r\nserver: jvicorn\r\ndate: Sun, 06 Nov 1994 08:49:37 GMT\r\nx-extra: e\r\n"
                + "content-length: 0\r\n\r\n", written());

        enc.begin(request("GET", HttpVersion.HTTP_1_1, true));
        enc.start(200, List.of(Header.of("Server", "app"), Header.of("Date", "d"), Header.of("content-length", "0")),
                false, out);
        assertEquals("HTTP/1.1 200 OK\r\nx-extra: e\r\nServer: app\r\nDate: d\r\ncontent-length: 0\r\n\r\n", written());
    }

    @Test
    void largeBodiesAreReferencedNotCopied() {
        byte[] big = new byte[4096];
        encoder.begin(request("GET", HttpVersion.HTTP_1_1, true));
        encoder.start(200, List.of(), false, out);
        encoder.body(big, false, out);
        java.nio.ByteBuffer[] buffers = out.buffers();
        assertEquals(2, buffers.length);
        assertTrue(buffers[1].array() == big);
        assertEquals("HTTP/1.1 200 OK\r\ncontent-length: 4096\r\n\r\n".length() + 4096, out.size());
    }

    @Test
    void continueResponseBytes() {
        assertArrayEquals(b("HTTP/1.1 100 Continue\r\n\r\n"), ServerResponses.continueResponse());
    }

    @Test
    void plainResponseBytes() {
        assertArrayEquals(b("HTTP/1.1 400 Bad Request\r\ncontent-type: text/plain; charset=utf-8\r\n"
                        + "content-length: 30\r\nconnection: close\r\n\r\nInvalid HTTP request received."),
                ServerResponses.plainResponse(400, "Invalid HTTP request received.", NONE));
        DefaultHeaders defaults = DefaultHeaders.create(true, true, List.of());
        defaults.refreshDate(784111777000L);
        assertArrayEquals(("HTTP/1.1 503 Service Unavailable\r\nserver: jvicorn\r\n"
                        + "date: Sun, 06 Nov 1994 08:49:37 GMT\r\ncontent-type: text/plain; charset=utf-8\r\n"
                        + "content-length: 6\r\nconnection: close\r\n\r\n\u00e9t\u00e9!").getBytes(StandardCharsets.UTF_8),
                ServerResponses.plainResponse(503, "\u00e9t\u00e9!", defaults));
    }
}
