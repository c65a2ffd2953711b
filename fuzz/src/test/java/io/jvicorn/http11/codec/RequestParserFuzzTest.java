package io.jvicorn.http11.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jvicorn.fuzz.Splits;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The HTTP/1.1 request parser, chunked bodies and trailers included, on arbitrary bytes (pipelined requests too).
 *
 * <p>Properties: {@link RequestParser#next} and {@link RequestParser#endOfInput} never throw (a bad request is a
 * returned {@link ParseError}); the events are the same whole, split at every offset, one byte at a time, in heap or
 * direct buffers; a null result leaves no byte unread; body bytes are views of exactly the bytes consumed by that
 * call; heads, bodies and the internal buffer stay within the configured limits.
 */
class RequestParserFuzzTest {
    /** Small enough that inputs of a few hundred bytes reach every limit. */
    private static final ParserLimits SMALL = new ParserLimits(32, 128, 6, 64, 8);
    private static final Field BUFFER;

    static {
        try {
            // The internal head buffer is private; reading its size is the only way to check the memory bound.
            BUFFER = RequestParser.class.getDeclaredField("buffer");
            BUFFER.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Consecutive body bytes, joined so that events compare the same however the body was cut. */
    record Body(String hex) {
    }

    /** What the parser said when the input ended: null for a clean close, else its error. */
    record End(ParseError error) {
    }

    @FuzzTest
    void parsesTheSameWhateverTheSplit(byte[] input) {
        for (ParserLimits limits : List.of(SMALL, ParserLimits.DEFAULTS)) {
            List<Object> expected = parse(limits, input, Splits.whole(input.length), false);
            assertEquals(expected, parse(limits, input, Splits.whole(input.length), true), "direct buffer");
            for (int[] plan : Splits.plans(input)) {
                assertEquals(expected, parse(limits, input, plan, false), () -> "pieces ending at " + Arrays.toString(plan));
            }
            assertEquals(expected, parse(limits, input, Splits.plans(input).get(Splits.plans(input).size() - 1), true),
                    "direct buffers in steered pieces");
        }
    }

    private static List<Object> parse(ParserLimits limits, byte[] input, int[] plan, boolean direct) {
        RequestParser parser = new RequestParser(limits);
        List<Object> events = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long requestBody = 0;
        long declaredLength = 0;
        int sinceEvent = 0; // bytes consumed since the last event: the head's size when a head comes out
        int from = 0;
        for (int to : plan) {
            ByteBuffer in = direct ? ByteBuffer.allocateDirect(to - from).put(input, from, to - from).flip()
                    : ByteBuffer.wrap(input, from, to - from);
            while (true) {
                int before = in.position();
                ParseEvent event = parser.next(in);
                int consumed = in.position() - before;
                sinceEvent += consumed;
                if (event == null) {
                    assertFalse(in.hasRemaining(), "null returned with bytes left");
                    break;
                }
                assertTrue(events.size() <= 2 * input.length + 2, "events without input: the parser is looping");
                if (event instanceof BodyData data) {
                    ByteBuffer d = data.data();
                    int n = d.remaining();
                    assertTrue(n > 0 && n <= consumed, "body of " + n + " bytes from " + consumed + " consumed");
                    if (!direct) {
                        assertSame(input, d.array(), "body is a view of the input");
                        int at = d.arrayOffset() + d.position();
                        // The piece wraps the input in place, so positions are input offsets.
                        assertTrue(at >= before && at + n <= in.position(), "body lies outside what was consumed");
                    }
                    requestBody += n;
                    assertTrue(limits.maxBodyBytes() < 0 || requestBody <= limits.maxBodyBytes(), "body over limit");
                    byte[] bytes = new byte[n];
                    d.duplicate().get(bytes);
                    body.writeBytes(bytes);
                    sinceEvent = 0;
                    continue;
                }
                flush(body, events);
                events.add(event);
                switch (event) {
                    case RequestHead head -> {
                        assertTrue(head.headers().size() <= limits.maxHeaderCount(), "too many headers");
                        assertTrue(sinceEvent <= limits.maxRequestLineBytes() + limits.maxHeaderBytes(),
                                "head of " + sinceEvent + " bytes");
                        assertTrue(limits.maxBodyBytes() < 0 || head.contentLength() <= limits.maxBodyBytes(),
                                "declared body over limit");
                        declaredLength = head.contentLength();
                        requestBody = 0;
                    }
                    case RequestEnd end -> {
                        assertTrue(end.trailers().size() <= limits.maxHeaderCount(), "too many trailers");
                        assertTrue(declaredLength < 0 || requestBody == declaredLength, "body length differs");
                    }
                    case ParseError error -> {
                        assertEquals(error, parser.next(ByteBuffer.wrap(new byte[] {'G'})), "sticky error");
                        assertEquals(error, parser.endOfInput(), "sticky error at end of input");
                        return events;
                    }
                    default -> throw new AssertionError("unexpected event " + event);
                }
                sinceEvent = 0;
                checkBuffer(parser, limits);
            }
            checkBuffer(parser, limits);
            from = to;
        }
        flush(body, events);
        events.add(new End(parser.endOfInput()));
        return events;
    }

    private static void flush(ByteArrayOutputStream body, List<Object> events) {
        if (body.size() > 0) {
            events.add(new Body(HexFormat.of().formatHex(body.toByteArray())));
            body.reset();
        }
    }

    /** A partial head or trailer section is copied, but never more of it than the limits allow (doubling aside). */
    private static void checkBuffer(RequestParser parser, ParserLimits limits) {
        byte[] buffer;
        try {
            buffer = (byte[]) BUFFER.get(parser);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        int bound = Math.max(1024, 2 * (limits.maxRequestLineBytes() + limits.maxHeaderBytes() + 2));
        assertTrue(buffer == null || buffer.length <= bound, () -> "buffer of " + buffer.length + " bytes");
    }
}
