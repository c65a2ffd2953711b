package io.jvicorn.benchmarks.micro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.SendEvent;
import io.jvicorn.benchmarks.peers.Workloads;
import io.jvicorn.websocket.codec.WebSocketEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** Each benchmark does what its name says once, so a codec change cannot silently turn one into a no-op. */
class MicrobenchmarksTest {
    private static final Blackhole BLACKHOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @Test
    void requestParsingCountsEveryRequest() {
        RequestParsingBenchmark b = new RequestParsingBenchmark();
        b.setUp();
        for (int i = 0; i < 3; i++) { // the parser is reused between operations
            assertEquals(1, b.minimalRequest(BLACKHOLE));
            assertEquals(1, b.browserRequest(BLACKHOLE));
            assertEquals(16, b.pipelined16(BLACKHOLE));
        }
        assertTrue(RequestParsingBenchmark.BROWSER.length() > 450, "a typical browser request is about 500 bytes");
    }

    @Test
    void responseEncodingProducesWholeResponses() {
        ResponseEncodingBenchmark b = new ResponseEncodingBenchmark();
        b.setUp();
        assertTrue(text(b.plaintext()).startsWith("HTTP/1.1 200 OK\r\n"));
        assertTrue(text(b.plaintext()).endsWith("\r\n\r\nHello, world!"));
        assertEquals(16, count(text(b.pipelined16()), "HTTP/1.1 200 OK"));
        assertTrue(text(b.lengthFromBody()).contains("content-length: 13\r\n"));
        assertTrue(text(b.chunked4()).endsWith("0\r\n\r\n"));
        assertTrue(length(b.body10k()) > 10 * 1024);
    }

    @Test
    void webSocketDecodingYieldsTheMessagesSent() {
        WebSocketCodecBenchmark b = new WebSocketCodecBenchmark();
        b.setUp();
        try {
            for (int i = 0; i < 3; i++) { // sessions are reused between operations
                assertEquals("{\"type\":\"chat\",\"text\":\"hi!\"}",
                        assertInstanceOf(WebSocketEvent.TextMessage.class, b.decodeSmallText()).text());
                assertEquals(16 * 1024,
                        assertInstanceOf(WebSocketEvent.BinaryMessage.class, b.decodeBinary16k()).bytes().length);
                assertTrue(assertInstanceOf(WebSocketEvent.TextMessage.class, b.decodeAsciiText16k()).text()
                        .startsWith("The quick brown fox"));
                assertTrue(assertInstanceOf(WebSocketEvent.TextMessage.class, b.decodeUtf8Text16k()).text()
                        .startsWith("Grüße, 世界! ☃ 🎉"));
                assertTrue(assertInstanceOf(WebSocketEvent.TextMessage.class, b.deflateRoundTrip4k()).text()
                        .startsWith("[{\"id\":0,"));
                assertEquals(2 + 28, b.encodeSmallText());
                assertEquals(4 + 16 * 1024, b.encodeBinary16k());
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void webFluxAdapterAnswersEachRequestWithTheWorkloadsBody() throws Exception {
        WebFluxAdapterBenchmark b = new WebFluxAdapterBenchmark();
        b.setUp();
        for (int i = 0; i < 3; i++) { // the application is reused between operations
            assertArrayEquals(Workloads.JSON, assertInstanceOf(HttpResponseBody.class, b.json()).body());
            assertArrayEquals(Workloads.PLAINTEXT, assertInstanceOf(HttpResponseBody.class, b.plaintext()).body());
        }
        List<SendEvent> sent = new ArrayList<>();
        b.call(Workloads.JSON_PATH, sent::add);
        HttpResponseStart start = assertInstanceOf(HttpResponseStart.class, sent.getFirst());
        assertEquals(200, start.status());
        assertEquals("application/json", Header.first(start.headers(), "content-type"));
        assertEquals(Integer.toString(Workloads.JSON.length), Header.first(start.headers(), "content-length"));
        assertEquals(2, sent.size(), "the start and one final body part");
        assertFalse(assertInstanceOf(HttpResponseBody.class, sent.getLast()).moreBody());
    }

    private static String text(ByteBuffer[] buffers) {
        StringBuilder s = new StringBuilder();
        for (ByteBuffer b : buffers) {
            ByteBuffer d = b.duplicate();
            while (d.hasRemaining()) {
                s.append((char) (d.get() & 0xFF));
            }
        }
        return s.toString();
    }

    private static long length(ByteBuffer[] buffers) {
        long n = 0;
        for (ByteBuffer b : buffers) {
            n += b.remaining();
        }
        return n;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
