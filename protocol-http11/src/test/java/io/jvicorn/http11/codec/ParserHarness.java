package io.jvicorn.http11.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Feeds request bytes to a {@link RequestParser} in many ways (whole, with an array offset, direct, split at every
 * offset, one byte at a time) and checks that every way yields the same events, body bytes concatenated.
 */
final class ParserHarness {
    private ParserHarness() {
    }

    /** Body bytes of consecutive {@link BodyData} events, as ISO-8859-1 text for readable comparisons. */
    record Body(String bytes) {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The events of the whole input in one heap buffer; asserts every other feeding gives the same. */
    static List<Object> parseAllWays(ParserLimits limits, String raw) {
        byte[] in = bytes(raw);
        List<Object> expected = feed(limits, List.of(ByteBuffer.wrap(in)));
        check(limits, expected, "array offset", List.of(withOffset(in, 0, in.length)));
        check(limits, expected, "direct", List.of(direct(in, 0, in.length)));
        check(limits, expected, "bytewise", split(in, 1, n -> ByteBuffer.wrap(n)));
        check(limits, expected, "bytewise direct", split(in, 1, n -> direct(n, 0, n.length)));
        check(limits, expected, "7-byte pieces", split(in, 7, n -> ByteBuffer.wrap(n)));
        for (int k = 1; k < in.length; k++) {
            check(limits, expected, "split at " + k,
                    List.of(ByteBuffer.wrap(in, 0, k).slice(), ByteBuffer.wrap(in, k, in.length - k).slice()));
            check(limits, expected, "direct split at " + k,
                    List.of(direct(in, 0, k), direct(in, k, in.length - k)));
        }
        return expected;
    }

    static List<Object> parseAllWays(String raw) {
        return parseAllWays(ParserLimits.DEFAULTS, raw);
    }

    /** Parses a valid input every way and also checks the parser ends idle with a clean end of input. */
    static List<Object> parseValid(String raw) {
        List<Object> events = parseAllWays(raw);
        for (Object e : events) {
            assertFalse(e instanceof ParseError, () -> "unexpected " + e + " for " + escape(raw));
        }
        RequestParser p = new RequestParser(ParserLimits.DEFAULTS);
        ByteBuffer in = ByteBuffer.wrap(bytes(raw));
        while (p.next(in) != null) {
            // drain
        }
        assertTrue(p.isIdle(), "idle after the last request");
        assertNull(p.endOfInput(), "clean end of input");
        return events;
    }

    /** Asserts that every feeding of {@code raw} ends in the same ParseError, naming {@code violation}. */
    static ParseError parseError(ParserLimits limits, String raw, Violation violation) {
        List<Object> events = parseAllWays(limits, raw);
        Object last = events.isEmpty() ? null : events.get(events.size() - 1);
        if (!(last instanceof ParseError error)) {
            throw new AssertionError("expected " + violation + " for " + escape(raw) + " but got " + events);
        }
        assertEquals(violation, error.violation(), () -> "violation for " + escape(raw));
        return error;
    }

    static ParseError parseError(String raw, Violation violation) {
        return parseError(ParserLimits.DEFAULTS, raw, violation);
    }

    private static void check(ParserLimits limits, List<Object> expected, String how, List<ByteBuffer> chunks) {
        List<Object> actual = feed(limits, chunks);
        assertEquals(expected, actual, how);
    }

    /**
     * Feeds the chunks in order, calling next() until it returns null for each, and collects the events; stops at the
     * first ParseError (after checking that it is sticky).
     */
    static List<Object> feed(ParserLimits limits, List<ByteBuffer> chunks) {
        RequestParser parser = new RequestParser(limits);
        List<Object> events = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (ByteBuffer chunk : chunks) {
            while (true) {
                ParseEvent e = parser.next(chunk);
                if (e == null) {
                    assertFalse(chunk.hasRemaining(), "null returned with bytes left");
                    break;
                }
                if (e instanceof BodyData d) {
                    ByteBuffer data = d.data();
                    assertTrue(data.hasRemaining(), "empty BodyData");
                    if (chunk.hasArray()) {
                        assertTrue(data.hasArray() && data.array() == chunk.array(), "BodyData is a view of the input");
                    }
                    while (data.hasRemaining()) {
                        body.append((char) (data.get() & 0xFF));
                    }
                    continue;
                }
                if (!body.isEmpty()) {
                    events.add(new Body(body.toString()));
                    body.setLength(0);
                }
                events.add(e);
                if (e instanceof ParseError) {
                    assertEquals(e, parser.next(ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\n\r\n"))), "sticky error");
                    assertEquals(e, parser.endOfInput(), "sticky error at end of input");
                    return events;
                }
            }
        }
        if (!body.isEmpty()) {
            events.add(new Body(body.toString()));
        }
        return events;
    }

    private static List<ByteBuffer> split(byte[] in, int size, Function<byte[], ByteBuffer> wrap) {
        List<ByteBuffer> pieces = new ArrayList<>();
        for (int i = 0; i < in.length; i += size) {
            byte[] piece = new byte[Math.min(size, in.length - i)];
            System.arraycopy(in, i, piece, 0, piece.length);
            pieces.add(wrap.apply(piece));
        }
        return pieces;
    }

    private static ByteBuffer withOffset(byte[] in, int off, int len) {
        byte[] padded = new byte[len + 10];
        System.arraycopy(in, off, padded, 7, len);
        return ByteBuffer.wrap(padded, 7, len).slice();
    }

    private static ByteBuffer direct(byte[] in, int off, int len) {
        ByteBuffer b = ByteBuffer.allocateDirect(len);
        b.put(in, off, len).flip();
        return b;
    }

    static String escape(String raw) {
        String s = raw.replace("\r", "\\r").replace("\n", "\\n");
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
