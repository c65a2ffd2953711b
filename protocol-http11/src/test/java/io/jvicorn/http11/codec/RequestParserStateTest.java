package io.jvicorn.http11.codec;

import static io.jvicorn.http11.codec.ParserHarness.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Idle and head-reading states, end of input, buffer release and body views. */
class RequestParserStateTest {
    private final RequestParser parser = new RequestParser(ParserLimits.DEFAULTS);

    private static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(bytes(s));
    }

    @Test
    void idleUntilTheFirstByteOfARequest() {
        assertTrue(parser.isIdle());
        assertFalse(parser.isReadingHead());
        assertNull(parser.next(ByteBuffer.allocate(0)));
        assertTrue(parser.isIdle());
        assertNull(parser.endOfInput());
    }

    @Test
    void partialHeadIsReadingHeadAndIncompleteAtEndOfInput() {
        ByteBuffer in = buf("GET / HT");
        assertNull(parser.next(in));
        assertFalse(in.hasRemaining());
        assertFalse(parser.isIdle());
        assertTrue(parser.isReadingHead());
        assertEquals(new ParseError(Violation.INCOMPLETE_REQUEST), parser.endOfInput());
        assertEquals(new ParseError(Violation.INCOMPLETE_REQUEST), parser.next(buf("TP/1.1\r\nHost: h\r\n\r\n")));
    }

    @Test
    void partialHeadCompletesAfterBufferRelease() {
        assertNull(parser.next(buf("GET /x HTTP/1.1\r\nHo")));
        parser.releaseBuffers(); // ignored: bytes are buffered
        RequestHead head = (RequestHead) parser.next(buf("st: h\r\n\r\n"));
        assertEquals("/x", new String(head.rawPath(), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertSame(RequestEnd.NO_TRAILERS, parser.next(ByteBuffer.allocate(0)));
        assertTrue(parser.isIdle());
        parser.releaseBuffers();
        assertNull(parser.next(buf("GET /y HTTP/1.1\r\n")));
        assertInstanceOf(RequestHead.class, parser.next(buf("Host: h\r\n\r\n")));
    }

    @Test
    void emptyLinesAloneAreACleanClose() {
        assertNull(parser.next(buf("\r\n")));
        assertTrue(parser.isReadingHead());
        assertNull(parser.endOfInput());
    }

    @Test
    void completeHeadWithoutBodyEndsCleanlyEvenBeforeItsEndEvent() {
        assertInstanceOf(RequestHead.class, parser.next(buf("GET / HTTP/1.1\r\nHost: h\r\n\r\n")));
        assertFalse(parser.isIdle());
        assertFalse(parser.isReadingHead());
        assertNull(parser.endOfInput());
        assertSame(RequestEnd.NO_TRAILERS, parser.next(ByteBuffer.allocate(0)));
        assertTrue(parser.isIdle());
    }

    @Test
    void endOfInputInsideABodyIsIncomplete() {
        ByteBuffer in = buf("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nab");
        assertInstanceOf(RequestHead.class, parser.next(in));
        assertEquals(2, ((BodyData) parser.next(in)).data().remaining());
        assertNull(parser.next(in));
        assertFalse(parser.isReadingHead());
        assertFalse(parser.isIdle());
        assertEquals(new ParseError(Violation.INCOMPLETE_REQUEST), parser.endOfInput());
    }

    @Test
    void endOfInputInsideChunkedTrailersIsIncomplete() {
        ByteBuffer in = buf("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: y\r\n");
        assertInstanceOf(RequestHead.class, parser.next(in));
        assertNull(parser.next(in));
        assertEquals(new ParseError(Violation.INCOMPLETE_REQUEST), parser.endOfInput());
    }

    @Test
    void bodyDataIsAZeroCopyViewBoundedByTheContentLength() {
        byte[] raw = bytes("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\n");
        ByteBuffer in = ByteBuffer.wrap(raw);
        assertInstanceOf(RequestHead.class, parser.next(in));
        BodyData body = (BodyData) parser.next(in);
        assertSame(raw, body.data().array());
        assertEquals(5, body.data().remaining());
        assertEquals('h', body.data().get(body.data().position()));
        assertSame(RequestEnd.NO_TRAILERS, parser.next(in));
        assertNull(parser.next(in));
        assertTrue(parser.isReadingHead());
    }

    @Test
    void bodyArrivingInPiecesIsDeliveredAsItComes() {
        assertInstanceOf(RequestHead.class, parser.next(buf("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n\r\n")));
        assertNull(parser.next(ByteBuffer.allocate(0)));
        assertEquals(2, ((BodyData) parser.next(buf("ab"))).data().remaining());
        assertEquals(4, ((BodyData) parser.next(buf("cdefGET"))).data().remaining());
        assertSame(RequestEnd.NO_TRAILERS, parser.next(ByteBuffer.allocate(0)));
    }

    @Test
    void headAcrossManyDirectBuffersLargerThanTheInitialBuffer() {
        String value = "v".repeat(5000);
        String raw = "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + value + "\r\n\r\n";
        byte[] b = bytes(raw);
        ParseEvent event = null;
        for (int i = 0; i < b.length; i += 1000) {
            ByteBuffer d = ByteBuffer.allocateDirect(Math.min(1000, b.length - i));
            d.put(b, i, d.capacity()).flip();
            event = parser.next(d);
        }
        RequestHead head = (RequestHead) event;
        assertEquals(value, head.headers().get(1).value());
    }
}
