package io.jvicorn.http11.codec;

import io.jvicorn.http.HttpSyntax;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Finds the end of a field block (a request head, or a trailer section) in bytes that may arrive in pieces.
 *
 * <p>It checks line endings (every LF preceded by CR, every CR followed by LF), rejects other control characters
 * (except HTAB) and DEL, and checks the size limits as it goes, so an over-long or malformed head is rejected before it
 * is buffered whole; it records where each field line ends so that they need not be scanned again. Its positions are relative to the first byte of
 * the block, so a scan begun over the caller's buffer can resume over a copy of the same bytes.
 */
final class HeadScanner {
    /** {@link #scan} result: the block is not complete yet. */
    static final int NEED_MORE = -1;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private boolean requestHead;
    private int maxLineBytes;
    private int maxBlockBytes;
    private int maxFieldLines;
    private int maxLeadingBytes;

    private int pos;
    private int start;
    private int lineStart;
    private int requestLineEnd;
    private int fieldLines;
    private int[] fieldLineEnds = new int[16];

    /** Prepares to scan a request head: optional empty lines, the request line, field lines, an empty line. */
    void startRequestHead(ParserLimits limits) {
        requestHead = true;
        maxLineBytes = limits.maxRequestLineBytes();
        maxBlockBytes = limits.maxHeaderBytes();
        maxFieldLines = limits.maxHeaderCount();
        maxLeadingBytes = limits.maxRequestLineBytes();
        reset();
    }

    /** Prepares to scan a trailer section: field lines then an empty line, within what is left of the byte budget. */
    void startTrailers(int maxBytes, int maxLines) {
        requestHead = false;
        maxLineBytes = Integer.MAX_VALUE;
        maxBlockBytes = maxBytes;
        maxFieldLines = maxLines;
        maxLeadingBytes = 0;
        reset();
    }

    private void reset() {
        pos = 0;
        start = 0;
        lineStart = 0;
        requestLineEnd = -1;
        fieldLines = 0;
    }

    /** Whether no byte of the block has been examined. */
    boolean atStart() {
        return pos == 0;
    }

    /** Where the block starts, after skipped empty lines (relative). */
    int start() {
        return start;
    }

    /** Index of the CR that ends the request line (relative), or -1. */
    int requestLineEnd() {
        return requestLineEnd;
    }

    /** Number of field lines seen so far. */
    int fieldLines() {
        return fieldLines;
    }

    /** Index (relative) of the CR that ends field line {@code k}. */
    int fieldLineEnd(int k) {
        return fieldLineEnds[k];
    }

    /**
     * Continues scanning {@code buf[base + scanned, end)}, where {@code buf[base]} is the block's first byte.
     *
     * @return the block's length from {@code base} through its final CRLF, or {@link #NEED_MORE}
     * @throws ParseFailure on a bare CR or LF, or when a limit is exceeded
     */
    int scan(byte[] buf, int base, int end) {
        int avail = end - base;
        if (requestHead && requestLineEnd < 0 && pos == start && !skipEmptyLines(buf, base, avail)) {
            return NEED_MORE;
        }
        int blockLimit = start + maxBlockBytes;
        while (true) {
            boolean inRequestLine = requestHead && requestLineEnd < 0;
            int limit = inRequestLine ? (int) Math.min(blockLimit, (long) lineStart + maxLineBytes + 1) : blockLimit;
            int stop = Math.min(avail, limit);
            int i = findControl(buf, base, pos, stop);
            if (i == stop) {
                if (stop == limit) {
                    throw limitExceeded(inRequestLine && limit < blockLimit);
                }
                pos = i;
                return NEED_MORE;
            }
            if (buf[base + i] == '\n') {
                throw new ParseFailure(requestHead ? Violation.BARE_LF_IN_HEAD : Violation.BARE_LF_IN_TRAILERS);
            }
            if (i + 1 >= blockLimit) {
                throw limitExceeded(false);
            }
            if (i + 1 >= avail) {
                pos = i; // look at this CR again when its LF arrives
                return NEED_MORE;
            }
            if (buf[base + i + 1] != '\n') {
                throw new ParseFailure(requestHead ? Violation.BARE_CR_IN_HEAD : Violation.BARE_CR_IN_TRAILERS);
            }
            if (i == lineStart && !inRequestLine) {
                pos = i + 2;
                return pos;
            }
            if (inRequestLine) {
                requestLineEnd = i;
            } else {
                if (fieldLines == maxFieldLines) {
                    throw new ParseFailure(Violation.TOO_MANY_FIELDS);
                }
                if (fieldLines == fieldLineEnds.length) {
                    fieldLineEnds = Arrays.copyOf(fieldLineEnds, fieldLines * 2);
                }
                fieldLineEnds[fieldLines++] = i;
            }
            lineStart = pos = i + 2;
        }
    }

    /**
     * The index (relative) of the first CR or LF in {@code buf[base + from, base + to)}, or {@code to}.
     *
     * @throws ParseFailure for any other control character except HTAB, or DEL: no part of a head may contain them
     */
    private int findControl(byte[] buf, int base, int from, int to) {
        int i = from;
        // Eight bytes at a time while none is below 0x20 or DEL (SWAR "has byte less than" / "has byte equal to").
        while (i + 8 <= to) {
            long w = (long) LONGS.get(buf, base + i);
            long del = w ^ 0x7F7F7F7F7F7F7F7FL;
            long below20 = (w - 0x2020202020202020L) & ~w;
            long isDel = (del - 0x0101010101010101L) & ~del;
            if (((below20 | isDel) & 0x8080808080808080L) != 0) {
                break;
            }
            i += 8;
        }
        for (; i < to; i++) {
            int c = buf[base + i] & 0xFF;
            if (!HttpSyntax.isFieldValueChar(c)) {
                if (c == '\r' || c == '\n') {
                    return i;
                }
                throw new ParseFailure(
                        requestHead ? Violation.CONTROL_CHARACTER_IN_HEAD : Violation.CONTROL_CHARACTER_IN_TRAILERS);
            }
        }
        return i;
    }

    /** Skips CRLFs before a request line (RFC 9112 §2.2 allows at least one); false when more bytes are needed. */
    private boolean skipEmptyLines(byte[] buf, int base, int avail) {
        while (true) {
            if (pos >= avail) {
                return false;
            }
            byte b = buf[base + pos];
            if (b == '\n') {
                throw new ParseFailure(Violation.BARE_LF_IN_HEAD);
            }
            if (b != '\r') {
                return true;
            }
            if (pos + 1 >= avail) {
                return false;
            }
            if (buf[base + pos + 1] != '\n') {
                throw new ParseFailure(Violation.BARE_CR_IN_HEAD);
            }
            pos += 2;
            start = lineStart = pos;
            if (start > maxLeadingBytes) {
                throw new ParseFailure(Violation.TOO_MANY_EMPTY_LINES);
            }
        }
    }

    private ParseFailure limitExceeded(boolean requestLine) {
        if (requestLine) {
            return new ParseFailure(Violation.REQUEST_LINE_TOO_LONG);
        }
        return new ParseFailure(requestHead ? Violation.HEADER_SECTION_TOO_LARGE : Violation.TRAILER_SECTION_TOO_LARGE);
    }
}
