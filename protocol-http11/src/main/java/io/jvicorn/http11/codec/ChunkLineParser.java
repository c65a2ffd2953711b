package io.jvicorn.http11.codec;

import io.jvicorn.http.HttpSyntax;
import java.nio.ByteBuffer;

/**
 * Parses a chunk-size line, {@code chunk-size [ chunk-ext ] CRLF} (RFC 9112 §7.1), byte by byte so that it may arrive
 * in any number of pieces. Extensions are checked against their grammar and length, then ignored.
 */
final class ChunkLineParser {
    /** {@link #parse} result: the line is not complete yet. */
    static final long NEED_MORE = -1;

    /**
     * At most this many hex digits, leading zeros included, as a Content-Length may have at most
     * {@link io.jvicorn.http.HttpSyntax#MAX_CONTENT_LENGTH_DIGITS}: neither framing lets a peer send an unbounded run of
     * digits, and 16 hex digits are a 64-bit number.
     */
    static final int MAX_DIGITS = 16;
    /** 2^60 and above is refused: the body counters add sizes without overflowing, and no body is that large. */
    private static final int MAX_SIGNIFICANT_DIGITS = 15;

    private static final int SIZE_FIRST = 0;
    private static final int SIZE = 1;
    private static final int SIZE_BWS = 2;
    private static final int EXT_NAME_START = 3;
    private static final int EXT_NAME = 4;
    private static final int EXT_NAME_BWS = 5;
    private static final int EXT_VALUE_START = 6;
    private static final int EXT_TOKEN_VALUE = 7;
    private static final int EXT_QUOTED = 8;
    private static final int EXT_QUOTED_ESCAPE = 9;
    private static final int EXT_AFTER_QUOTED = 10;
    private static final int EXT_VALUE_BWS = 11;
    private static final int LF = 12;

    private final int maxExtensionBytes;
    private int state;
    private long size;
    private int digits;
    private int significantDigits;
    private int extensionBytes;

    ChunkLineParser(int maxExtensionBytes) {
        this.maxExtensionBytes = maxExtensionBytes;
    }

    void reset() {
        state = SIZE_FIRST;
        size = 0;
        digits = 0;
        significantDigits = 0;
        extensionBytes = 0;
    }

    /**
     * Consumes bytes of the line from {@code in}.
     *
     * @return the chunk size once the line's CRLF has been consumed, or {@link #NEED_MORE} when {@code in} ran out
     * @throws ParseFailure when the line is malformed or its extension too long
     */
    long parse(ByteBuffer in) {
        int p = in.position();
        int limit = in.limit();
        while (p < limit) {
            int c = in.get(p++) & 0xFF;
            if (state == LF) {
                if (c != '\n') {
                    throw new ParseFailure(Violation.BARE_CR_IN_CHUNK_LINE);
                }
                in.position(p);
                long result = size;
                reset();
                return result;
            }
            if (c == '\n') {
                throw new ParseFailure(Violation.BARE_LF_IN_CHUNK_LINE);
            }
            if (state == SIZE_FIRST || state == SIZE) {
                int v = HttpSyntax.hexValue(c);
                if (v >= 0) {
                    digit(v);
                    continue;
                }
                if (state == SIZE_FIRST) {
                    throw new ParseFailure(Violation.INVALID_CHUNK_SIZE);
                }
            }
            // Everything between the last size digit and the CR is extension (with its whitespace).
            if (c != '\r' && ++extensionBytes > maxExtensionBytes) {
                throw new ParseFailure(Violation.CHUNK_EXTENSION_TOO_LONG);
            }
            state = next(state, c);
        }
        in.position(p);
        return NEED_MORE;
    }

    private void digit(int v) {
        if (++digits > MAX_DIGITS) {
            throw new ParseFailure(Violation.CHUNK_SIZE_TOO_MANY_DIGITS);
        }
        if ((size != 0 || v != 0) && ++significantDigits > MAX_SIGNIFICANT_DIGITS) {
            throw new ParseFailure(Violation.CHUNK_SIZE_TOO_LARGE);
        }
        size = (size << 4) | v;
        state = SIZE;
    }

    /** The state after byte {@code c}; c is not a hex digit in SIZE, and not LF. */
    private static int next(int state, int c) {
        boolean ws = HttpSyntax.isWhitespace(c);
        boolean token = HttpSyntax.isTchar(c);
        switch (state) {
            case SIZE:
                if (c == '\r') return LF;
                if (c == ';') return EXT_NAME_START;
                if (ws) return SIZE_BWS;
                throw new ParseFailure(Violation.INVALID_CHUNK_SIZE);
            case SIZE_BWS:
                if (ws) return SIZE_BWS;
                if (c == ';') return EXT_NAME_START;
                throw new ParseFailure(Violation.WHITESPACE_AFTER_CHUNK_SIZE);
            case EXT_NAME_START:
                if (ws) return EXT_NAME_START;
                if (token) return EXT_NAME;
                throw new ParseFailure(Violation.INVALID_CHUNK_EXTENSION);
            case EXT_NAME:
                if (token) return EXT_NAME;
                if (c == '\r') return LF;
                if (c == ';') return EXT_NAME_START;
                if (c == '=') return EXT_VALUE_START;
                if (ws) return EXT_NAME_BWS;
                throw new ParseFailure(Violation.INVALID_CHUNK_EXTENSION);
            case EXT_NAME_BWS:
                if (ws) return EXT_NAME_BWS;
                if (c == ';') return EXT_NAME_START;
                if (c == '=') return EXT_VALUE_START;
                throw new ParseFailure(Violation.INVALID_CHUNK_EXTENSION);
            case EXT_VALUE_START:
                if (ws) return EXT_VALUE_START;
                if (c == '"') return EXT_QUOTED;
                if (token) return EXT_TOKEN_VALUE;
                throw new ParseFailure(Violation.INVALID_CHUNK_EXTENSION_VALUE);
            case EXT_TOKEN_VALUE:
                if (token) return EXT_TOKEN_VALUE;
                if (c == '\r') return LF;
                if (c == ';') return EXT_NAME_START;
                if (ws) return EXT_VALUE_BWS;
                throw new ParseFailure(Violation.INVALID_CHUNK_EXTENSION_VALUE);
            case EXT_QUOTED:
                if (c == '"') return EXT_AFTER_QUOTED;
                if (c == '\\') return EXT_QUOTED_ESCAPE;
                if (HttpSyntax.isFieldValueChar(c)) return EXT_QUOTED; // qdtext
                throw new ParseFailure(Violation.INVALID_CHUNK_EXTENSION_QUOTED);
            case EXT_QUOTED_ESCAPE:
                if (HttpSyntax.isFieldValueChar(c)) return EXT_QUOTED; // quoted-pair
                throw new ParseFailure(Violation.INVALID_CHUNK_EXTENSION_ESCAPE);
            case EXT_AFTER_QUOTED:
                if (c == '\r') return LF;
                if (c == ';') return EXT_NAME_START;
                if (ws) return EXT_VALUE_BWS;
                throw new ParseFailure(Violation.INVALID_CHUNK_EXTENSION);
            case EXT_VALUE_BWS:
                if (ws) return EXT_VALUE_BWS;
                if (c == ';') return EXT_NAME_START;
                throw new ParseFailure(Violation.INVALID_CHUNK_EXTENSION);
            default:
                throw new IllegalStateException("chunk line state " + state);
        }
    }
}
