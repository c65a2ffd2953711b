package io.jvicorn.http11.codec;

import io.jvicorn.asgi.Header;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import org.jspecify.annotations.Nullable;

/**
 * The request side of one HTTP/1.1 connection: a push parser that turns bytes into {@link ParseEvent}s, one request
 * after another (pipelining is handled in order).
 *
 * <p>When a whole request head is in the caller's heap buffer it is parsed in place; otherwise the partial head is
 * copied to an internal buffer, allocated on first need and released by {@link #releaseBuffers()}. Body bytes are
 * never copied: {@link BodyData} is a view of the caller's buffer.
 *
 * <p>Not thread-safe: one connection, one thread at a time.
 */
public final class RequestParser {
    private static final int INITIAL_BUFFER_BYTES = 1024;

    private enum State { HEAD, END, FIXED_BODY, CHUNK_LINE, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF, TRAILERS, FAILED }

    private final ParserLimits limits;
    private final HeadScanner scanner;
    private final RequestHeadParser headParser;
    private final ChunkLineParser chunkLine;
    private final HeadScanner.FieldSink trailerSink = this::trailer;

    private State state = State.HEAD;
    private byte @Nullable [] buffer;
    private int buffered;

    private @Nullable ArrayList<Header> trailers;

    private long remaining;
    private long bodyBytes;
    private int headBytes;
    private @Nullable ParseError error;

    /**
     * A parser for one connection.
     *
     * @param limits the size limits to enforce
     */
    public RequestParser(ParserLimits limits) {
        this.limits = limits;
        RequestLineParser requestLine = new RequestLineParser();
        this.headParser = new RequestHeadParser(limits, requestLine);
        this.scanner = new HeadScanner(requestLine, new FieldLineParser(), headParser);
        this.chunkLine = new ChunkLineParser(limits.maxChunkExtensionBytes());
        startHead();
    }

    /**
     * The limits this parser enforces.
     *
     * @return the limits
     */
    public ParserLimits limits() {
        return limits;
    }

    /**
     * Consumes bytes from {@code in} (advancing its position) until one event is complete, and returns it. Partial
     * data is copied internally as needed; the parser keeps no reference to {@code in} across calls. After
     * {@link RequestEnd} the next call parses the next pipelined request. After a {@link ParseError} every later call
     * returns that same error.
     *
     * @param in the received bytes; on return its position is past what was consumed
     * @return the next event, or null when {@code in} is exhausted without completing one
     */
    public @Nullable ParseEvent next(ByteBuffer in) {
        try {
            return switch (state) {
                case HEAD -> readHead(in);
                case END -> endRequest(RequestEnd.NO_TRAILERS);
                case FIXED_BODY -> readFixedBody(in);
                case CHUNK_LINE, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF -> readChunked(in);
                case TRAILERS -> readTrailers(in);
                case FAILED -> error;
            };
        } catch (ParseFailure f) {
            return fail(f.toError());
        }
    }

    /**
     * The peer closed its side.
     *
     * @return null if the parser was between requests with nothing but empty lines buffered (a clean close), else a
     *         ParseError ({@link Violation#INCOMPLETE_REQUEST}, or the earlier error)
     */
    public @Nullable ParseError endOfInput() {
        if (state == State.FAILED) {
            return error;
        }
        // END: the request is complete, only its RequestEnd is still to be returned. Empty lines between requests
        // (RFC 9112 §2.2) do not start one.
        if (state == State.END || state == State.HEAD && buffered == scanner.start()) {
            return null;
        }
        return fail(new ParseError(Violation.INCOMPLETE_REQUEST));
    }

    /**
     * Whether the parser is between requests with no bytes of the next request buffered (an idle keep-alive
     * connection).
     *
     * @return true when idle
     */
    public boolean isIdle() {
        return state == State.HEAD && buffered == 0;
    }

    /**
     * Whether a request head has started but is incomplete (the header-read timeout applies).
     *
     * @return true while reading a head
     */
    public boolean isReadingHead() {
        return state == State.HEAD && buffered > 0;
    }

    /** Releases the internal buffer when it holds nothing (an idle connection keeps no parse memory). */
    public void releaseBuffers() {
        if (buffered == 0) {
            buffer = null;
        }
    }

    private @Nullable ParseEvent readHead(ByteBuffer in) {
        int length = readBlock(in);
        if (length == HeadScanner.NEED_MORE) {
            return null;
        }
        RequestHead head = headParser.finish();
        headBytes = length - scanner.start();
        bodyBytes = 0;
        if (head.chunked()) {
            chunkLine.reset();
            state = State.CHUNK_LINE;
        } else if (head.contentLength() > 0) {
            remaining = head.contentLength();
            state = State.FIXED_BODY;
        } else {
            state = State.END;
        }
        return head;
    }

    private @Nullable ParseEvent readFixedBody(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        if (n == 0) {
            return null;
        }
        remaining -= n;
        if (remaining == 0) {
            state = State.END;
        }
        return new BodyData(take(in, n));
    }

    private @Nullable ParseEvent readChunked(ByteBuffer in) {
        while (true) {
            switch (state) {
                case CHUNK_LINE -> {
                    long size = chunkLine.parse(in);
                    if (size == ChunkLineParser.NEED_MORE) {
                        return null;
                    }
                    if (size == 0) {
                        trailers = null;
                        scanner.startTrailers(Math.max(2, limits.maxHeaderBytes() - headBytes), limits.maxHeaderCount(),
                                trailerSink);
                        state = State.TRAILERS;
                        return readTrailers(in);
                    }
                    if (limits.maxBodyBytes() >= 0 && bodyBytes + size > limits.maxBodyBytes()) {
                        throw new ParseFailure(Violation.BODY_TOO_LARGE);
                    }
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.remaining());
                    if (n == 0) {
                        return null;
                    }
                    remaining -= n;
                    bodyBytes += n;
                    if (remaining == 0) {
                        state = State.CHUNK_DATA_CR;
                    }
                    return new BodyData(take(in, n));
                }
                case CHUNK_DATA_CR -> {
                    if (!in.hasRemaining()) {
                        return null;
                    }
                    if (in.get() != '\r') {
                        throw new ParseFailure(Violation.CHUNK_DATA_WITHOUT_CRLF);
                    }
                    state = State.CHUNK_DATA_LF;
                }
                case CHUNK_DATA_LF -> {
                    if (!in.hasRemaining()) {
                        return null;
                    }
                    if (in.get() != '\n') {
                        throw new ParseFailure(Violation.CHUNK_DATA_WITHOUT_CRLF);
                    }
                    state = State.CHUNK_LINE;
                }
                default -> throw new IllegalStateException("not in a chunked body: " + state);
            }
        }
    }

    private @Nullable ParseEvent readTrailers(ByteBuffer in) {
        if (readBlock(in) == HeadScanner.NEED_MORE) {
            return null;
        }
        ArrayList<Header> fields = trailers;
        trailers = null;
        return endRequest(fields == null ? RequestEnd.NO_TRAILERS
                : new RequestEnd(Collections.unmodifiableList(fields)));
    }

    /** A trailer field, kept unless it is one a trailer may not carry (RFC 9110 §6.5.1). */
    private void trailer(Header h) {
        if (HeaderNames.forbiddenInTrailers(h.name())) {
            return;
        }
        ArrayList<Header> fields = trailers;
        if (fields == null) {
            fields = trailers = new ArrayList<>(2);
        }
        fields.add(h);
    }

    private RequestEnd endRequest(RequestEnd end) {
        startHead();
        state = State.HEAD;
        return end;
    }

    private void startHead() {
        headParser.begin();
        scanner.startRequestHead(limits, headParser);
    }

    /**
     * Finds the end of the current field block (head or trailers), in place in {@code in}'s array when it is all
     * there, else in the internal buffer; the scanner hands each line to its parser on the way.
     *
     * @return the block's length, consumed from {@code in}; or {@link HeadScanner#NEED_MORE}, all of {@code in}
     *         having been copied
     */
    private int readBlock(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return HeadScanner.NEED_MORE;
        }
        if (buffered == 0 && in.hasArray()) {
            byte[] a = in.array();
            int base = in.arrayOffset() + in.position();
            int length = scanner.scan(a, base, in.arrayOffset() + in.limit());
            if (length != HeadScanner.NEED_MORE) {
                in.position(in.position() + length);
                return length;
            }
            // Keep it all: the scanner resumes over the copy, its positions being relative to the block start.
            int n = in.remaining();
            in.get(room(n), 0, n);
            buffered = n;
            return HeadScanner.NEED_MORE;
        }
        while (in.hasRemaining()) {
            byte[] buf = room(1);
            int n = Math.min(in.remaining(), buf.length - buffered);
            in.get(buf, buffered, n);
            buffered += n;
            int length = scanner.scan(buf, 0, buffered);
            if (length != HeadScanner.NEED_MORE) {
                // Give back what lies beyond the block: it is body or the next request.
                in.position(in.position() - (buffered - length));
                buffered = 0;
                return length;
            }
        }
        return HeadScanner.NEED_MORE;
    }

    /** The internal buffer, with space for at least {@code needed} more bytes. */
    private byte[] room(int needed) {
        byte[] buf = buffer;
        if (buf == null) {
            buf = buffer = new byte[Math.max(INITIAL_BUFFER_BYTES, needed)];
        } else if (buf.length - buffered < needed) {
            buf = buffer = Arrays.copyOf(buf, Math.max(buf.length * 2, buffered + needed));
        }
        return buf;
    }

    private static ByteBuffer take(ByteBuffer in, int n) {
        int p = in.position();
        ByteBuffer slice = in.slice(p, n);
        in.position(p + n);
        return slice;
    }

    private ParseError fail(ParseError e) {
        state = State.FAILED;
        error = e;
        buffer = null;
        trailers = null;
        buffered = 0;
        return e;
    }
}
