package io.jvicorn.http11.codec;

import java.nio.ByteBuffer;

/**
 * Parses a chunk-size line, {@code chunk-size [ chunk-ext ] CRLF} (RFC 9112 §7.1), byte by byte so that it may arrive
 * in any number of pieces. Extensions are checked against their grammar and length, then ignored.
 */
final class ChunkLineParser {
    /** {@link #parse} result: the line is not complete yet. */
    static final long NEED_MORE = -1;

    private static final int MAX_SIGNIFICANT_DIGITS = 15;
    private static final int MAX_DIGITS = 64;

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
                    throw ParseFailure.badRequest("bare CR in chunk line");
                }
                in.position(p);
                long result = size;
                reset();
                return result;
            }
            if (c == '\n') {
                throw ParseFailure.badRequest("bare LF in chunk line");
            }
            if (state == SIZE_FIRST || state == SIZE) {
                int v = CharClasses.HEX[c];
                if (v >= 0) {
                    digit(v);
                    continue;
                }
                if (state == SIZE_FIRST) {
                    throw ParseFailure.badRequest("invalid chunk size");
                }
            }
            // Everything between the last size digit and the CR is extension (with its whitespace).
            if (c != '\r' && ++extensionBytes > maxExtensionBytes) {
                throw ParseFailure.badRequest("chunk extension too long");
            }
            state = next(state, c);
        }
        in.position(p);
        return NEED_MORE;
    }

    private void digit(int v) {
        if (++digits > MAX_DIGITS) {
            throw ParseFailure.badRequest("chunk size too long");
        }
        if ((size != 0 || v != 0) && ++significantDigits > MAX_SIGNIFICANT_DIGITS) {
            throw ParseFailure.badRequest("chunk size too large");
        }
        size = (size << 4) | v;
        state = SIZE;
    }

    /** The state after byte {@code c}; c is not a hex digit in SIZE, and not LF. */
    private static int next(int state, int c) {
        boolean ws = c == ' ' || c == '\t';
        boolean token = CharClasses.TCHAR[c];
        switch (state) {
            case SIZE:
                if (c == '\r') return LF;
                if (c == ';') return EXT_NAME_START;
                if (ws) return SIZE_BWS;
                throw ParseFailure.badRequest("invalid chunk size");
            case SIZE_BWS:
                if (ws) return SIZE_BWS;
                if (c == ';') return EXT_NAME_START;
                throw ParseFailure.badRequest("whitespace after chunk size");
            case EXT_NAME_START:
                if (ws) return EXT_NAME_START;
                if (token) return EXT_NAME;
                throw ParseFailure.badRequest("invalid chunk extension");
            case EXT_NAME:
                if (token) return EXT_NAME;
                if (c == '\r') return LF;
                if (c == ';') return EXT_NAME_START;
                if (c == '=') return EXT_VALUE_START;
                if (ws) return EXT_NAME_BWS;
                throw ParseFailure.badRequest("invalid chunk extension");
            case EXT_NAME_BWS:
                if (ws) return EXT_NAME_BWS;
                if (c == ';') return EXT_NAME_START;
                if (c == '=') return EXT_VALUE_START;
                throw ParseFailure.badRequest("invalid chunk extension");
            case EXT_VALUE_START:
                if (ws) return EXT_VALUE_START;
                if (c == '"') return EXT_QUOTED;
                if (token) return EXT_TOKEN_VALUE;
                throw ParseFailure.badRequest("invalid chunk extension value");
            case EXT_TOKEN_VALUE:
                if (token) return EXT_TOKEN_VALUE;
                if (c == '\r') return LF;
                if (c == ';') return EXT_NAME_START;
                if (ws) return EXT_VALUE_BWS;
                throw ParseFailure.badRequest("invalid chunk extension value");
            case EXT_QUOTED:
                if (c == '"') return EXT_AFTER_QUOTED;
                if (c == '\\') return EXT_QUOTED_ESCAPE;
                if (ws || (c >= 0x21 && c != 0x7F)) return EXT_QUOTED;
                throw ParseFailure.badRequest("invalid character in chunk extension quoted string");
            case EXT_QUOTED_ESCAPE:
                if (ws || (c >= 0x21 && c != 0x7F)) return EXT_QUOTED;
                throw ParseFailure.badRequest("invalid escape in chunk extension quoted string");
            case EXT_AFTER_QUOTED:
                if (c == '\r') return LF;
                if (c == ';') return EXT_NAME_START;
                if (ws) return EXT_VALUE_BWS;
                throw ParseFailure.badRequest("invalid chunk extension");
            case EXT_VALUE_BWS:
                if (ws) return EXT_VALUE_BWS;
                if (c == ';') return EXT_NAME_START;
                throw ParseFailure.badRequest("invalid chunk extension");
            default:
                throw new IllegalStateException("chunk line state " + state);
        }
    }
}
