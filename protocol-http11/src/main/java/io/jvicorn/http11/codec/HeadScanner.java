package io.jvicorn.http11.codec;

import io.jvicorn.asgi.Header;
import io.jvicorn.http.HttpSyntax;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the end of a field block (a request head, or a trailer section) in bytes that may arrive in pieces, and hands
 * each line's bytes to its parser as they arrive, so that a malformed head is rejected at its first bad byte.
 *
 * <p>It checks line endings (every LF preceded by CR, every CR followed by LF), rejects other control characters
 * (except HTAB) and DEL, and checks the size limits as it goes, so an over-long or malformed head is rejected before it
 * is buffered whole. The bytes of the request line go to {@link RequestLineParser}, those of field lines to
 * {@link FieldLineParser}, and each complete field to a {@link FieldSink}, at the CR that ends its line. A line's bytes
 * are handed over before a control character or limit after them is judged, so the same input gives the same error
 * however it is split. Positions are relative to the first byte of the block, so a scan begun over the caller's
 * buffer can resume over a copy of the same bytes.
 */
final class HeadScanner {
    /** {@link #scan} result: the block is not complete yet. */
    static final int NEED_MORE = -1;

    /** Receives each field of a block when the CR ending its line arrives. */
    interface FieldSink {
        /**
         * One more field.
         *
         * @param field the field
         * @throws ParseFailure when the field breaks a rule of the section
         */
        void field(Header field);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final RequestLineParser requestLine;
    private final FieldLineParser fieldLine;
    private FieldSink sink;

    private boolean requestHead;
    private int maxLineBytes;
    private int maxBlockBytes;
    private int maxFieldLines;
    private int maxLeadingBytes;

    private int pos;
    private int start;
    private int lineStart;
    private boolean inRequestLine;
    /** Whether the CR at {@code pos} has already ended its line (its LF has not arrived). */
    private boolean lineEnded;
    private int fieldLines;

    HeadScanner(RequestLineParser requestLine, FieldLineParser fieldLine, FieldSink sink) {
        this.requestLine = requestLine;
        this.fieldLine = fieldLine;
        this.sink = sink;
    }

    /** Prepares to scan a request head: optional empty lines, the request line, field lines, an empty line. */
    void startRequestHead(ParserLimits limits, FieldSink fields) {
        requestHead = true;
        maxLineBytes = limits.maxRequestLineBytes();
        maxBlockBytes = limits.maxHeaderBytes();
        maxFieldLines = limits.maxHeaderCount();
        maxLeadingBytes = limits.maxRequestLineBytes();
        reset(fields);
    }

    /** Prepares to scan a trailer section: field lines then an empty line, within what is left of the byte budget. */
    void startTrailers(int maxBytes, int maxLines, FieldSink fields) {
        requestHead = false;
        maxLineBytes = Integer.MAX_VALUE;
        maxBlockBytes = maxBytes;
        maxFieldLines = maxLines;
        maxLeadingBytes = 0;
        reset(fields);
    }

    private void reset(FieldSink fields) {
        sink = fields;
        pos = 0;
        start = 0;
        lineStart = 0;
        inRequestLine = requestHead;
        lineEnded = false;
        fieldLines = 0;
        fieldLine.begin(0);
    }

    /** Where the block starts, after skipped empty lines (relative). */
    int start() {
        return start;
    }

    /** Number of field lines seen so far. */
    int fieldLines() {
        return fieldLines;
    }

    /**
     * Continues scanning {@code buf[base + scanned, end)}, where {@code buf[base]} is the block's first byte.
     *
     * @return the block's length from {@code base} through its final CRLF, or {@link #NEED_MORE}
     * @throws ParseFailure at the first byte that no valid block could contain, or when a limit is exceeded
     */
    int scan(byte[] buf, int base, int end) {
        int avail = end - base;
        if (inRequestLine && pos == start) {
            if (!skipEmptyLines(buf, base, avail)) {
                return NEED_MORE;
            }
            requestLine.begin(start);
        }
        int blockLimit = start + maxBlockBytes;
        while (true) {
            int limit = inRequestLine ? (int) Math.min(blockLimit, (long) lineStart + maxLineBytes + 1) : blockLimit;
            int stop = Math.min(avail, limit);
            int i = findControl(buf, base, pos, stop);
            if (i > pos) {
                lineBytes(buf, base, pos, i);
            }
            if (i == stop) {
                if (stop == limit) {
                    throw limitExceeded(inRequestLine && limit < blockLimit);
                }
                pos = i;
                return NEED_MORE;
            }
            int c = buf[base + i];
            if (c != '\r') {
                throw new ParseFailure(c == '\n'
                        ? requestHead ? Violation.BARE_LF_IN_HEAD : Violation.BARE_LF_IN_TRAILERS
                        : requestHead ? Violation.CONTROL_CHARACTER_IN_HEAD : Violation.CONTROL_CHARACTER_IN_TRAILERS);
            }
            boolean emptyLine = i == lineStart && !inRequestLine;
            if (!lineEnded && !emptyLine) {
                // The CR can only end the line: judge the line now, not when its LF arrives.
                lineEnd(buf, base, i);
                lineEnded = true;
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
            lineEnded = false;
            if (emptyLine) {
                pos = i + 2;
                return pos;
            }
            inRequestLine = false;
            lineStart = pos = i + 2;
            fieldLine.begin(lineStart);
        }
    }

    /** Hands {@code buf[base + from, base + to)}, bytes of the current line, to its parser. */
    private void lineBytes(byte[] buf, int base, int from, int to) {
        if (inRequestLine) {
            requestLine.advance(buf, base, from, to);
            return;
        }
        if (from == lineStart && fieldLines == maxFieldLines) {
            throw new ParseFailure(Violation.TOO_MANY_FIELDS); // the first byte of one field line too many
        }
        fieldLine.advance(buf, base, from, to);
    }

    /** The line of the CR at {@code cr} (relative) is complete. */
    private void lineEnd(byte[] buf, int base, int cr) {
        if (inRequestLine) {
            requestLine.end();
            return;
        }
        fieldLines++;
        sink.field(fieldLine.end(buf, base, cr));
    }

    /**
     * The index (relative) of the first control character (other than HTAB), or DEL, in
     * {@code buf[base + from, base + to)}, or {@code to}.
     */
    private static int findControl(byte[] buf, int base, int from, int to) {
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
            if (!HttpSyntax.isFieldValueChar(buf[base + i] & 0xFF)) {
                return i;
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
