package io.jvicorn.http11.codec;

import io.jvicorn.asgi.Header;
import io.jvicorn.http.HttpSyntax;
import java.util.List;

/**
 * The response side of one connection: status line, headers and body framing, for one response at a time.
 *
 * <p>The server owns framing: an application's Content-Length (the first one) is honoured and enforced, its
 * Transfer-Encoding is ignored. Without a Content-Length the head is kept pending until the first body part, so that a
 * body sent in one piece gets a Content-Length; a streamed body is chunked on HTTP/1.1 and delimited by closing the
 * connection on HTTP/1.0.
 *
 * <p>Not thread-safe.
 */
public final class ResponseEncoder {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n'};
    private static final byte[] LAST_CHUNK_NO_TRAILERS = {'0', '\r', '\n', '\r', '\n'};

    /** How the body is delimited on the wire. */
    private enum Framing { PENDING, NONE, LENGTH, CHUNKED, CLOSE }

    private final DefaultHeaders defaults;

    // The request being answered.
    private boolean headRequest;
    private boolean http10;
    private boolean requestKeepAlive;

    // The response.
    private boolean started;
    private boolean bodyDone;
    private boolean complete;
    private boolean trailersWanted;
    private boolean trailersStarted;
    private int status;
    private List<Header> headers = List.of();
    private Framing framing = Framing.PENDING;
    private long declaredLength;
    private int contentLengthIndex;
    private long sent;
    private long bodyBytes;
    private boolean appClose;
    private boolean appKeepAlive;
    private boolean appServer;
    private boolean appDate;
    private boolean keepAlive;

    /**
     * An encoder for one connection.
     *
     * @param defaults the headers added to every response
     */
    public ResponseEncoder(DefaultHeaders defaults) {
        this.defaults = defaults;
    }

    /**
     * The default headers this encoder writes.
     *
     * @return the defaults given to the constructor
     */
    public DefaultHeaders defaults() {
        return defaults;
    }

    /**
     * Prepares for the response to {@code request}, forgetting the previous response.
     *
     * @param request the request being answered
     */
    public void begin(RequestHead request) {
        headRequest = request.isHead();
        http10 = request.version() == HttpVersion.HTTP_1_0;
        requestKeepAlive = request.keepAlive();
        started = false;
        bodyDone = false;
        complete = false;
        trailersWanted = false;
        trailersStarted = false;
        status = 0;
        headers = List.of();
        framing = Framing.PENDING;
        declaredLength = -1;
        contentLengthIndex = -1;
        sent = 0;
        bodyBytes = 0;
        appClose = false;
        appKeepAlive = false;
        appServer = false;
        appDate = false;
        keepAlive = requestKeepAlive;
    }

    /**
     * Makes the response end the connection ("connection: close"), for a server that is shutting down. Only
     * effective before {@link #start}.
     */
    public void closeAfterResponse() {
        if (!started) {
            requestKeepAlive = false;
            keepAlive = false;
        }
    }

    /**
     * Starts the response. The status line and headers are encoded into {@code out} now when the framing is already
     * known (the application gave a Content-Length, the status or method has no body, or trailers need chunking);
     * otherwise they stay pending until the first {@link #body} call or {@link #flushHead}.
     *
     * <p>"connection: close" is added when the connection will not persist (the request asked to close, HTTP/1.0
     * without keep-alive, close-delimited body, or the application sent "connection: close"); a persistent HTTP/1.0
     * connection gets "connection: keep-alive".
     *
     * @param status   the status code, 100..599
     * @param headers  the application's headers, written as given (transfer-encoding and later content-lengths left out)
     * @param trailers whether trailer fields will follow the body
     * @param out      where the head is written
     * @throws IllegalStateException    if a response was already started
     * @throws IllegalArgumentException for a status outside 100..599 or a malformed content-length
     */
    public void start(int status, List<Header> headers, boolean trailers, OutputBuffer out) {
        if (started) {
            throw new IllegalStateException("Response already started");
        }
        HttpStatus.statusLine(status);
        // Cleared here too, so that a start rejected for a malformed header leaves nothing behind.
        declaredLength = -1;
        contentLengthIndex = -1;
        appClose = false;
        appKeepAlive = false;
        appServer = false;
        appDate = false;
        for (int i = 0; i < headers.size(); i++) {
            inspect(headers.get(i), i);
        }
        started = true;
        this.status = status;
        this.headers = headers;
        this.trailersWanted = trailers;
        if (status < 200 || status == 204 || status == 304) {
            writeHead(Framing.NONE, -1, out);
        } else if (declaredLength >= 0) {
            writeHead(headRequest ? Framing.NONE : Framing.LENGTH, -1, out);
        } else if (trailers && !http10 && !headRequest) {
            writeHead(Framing.CHUNKED, -1, out);
        }
    }

    private void inspect(Header h, int index) {
        String name = h.name();
        switch (name.length()) {
            case 4 -> appDate |= name.equalsIgnoreCase("date");
            case 6 -> appServer |= name.equalsIgnoreCase("server");
            case 10 -> {
                if (name.equalsIgnoreCase("connection")) {
                    connectionOptions(h.value());
                }
            }
            case 14 -> {
                if (contentLengthIndex < 0 && name.equalsIgnoreCase("content-length")) {
                    declaredLength = contentLength(h.value());
                    contentLengthIndex = index;
                }
            }
            default -> {
            }
        }
    }

    private void connectionOptions(String v) {
        appClose |= HttpSyntax.listContains(v, "close");
        appKeepAlive |= HttpSyntax.listContains(v, "keep-alive");
    }

    private static long contentLength(String v) {
        long n = HttpSyntax.contentLength(v);
        if (n < 0) {
            throw new IllegalArgumentException("malformed content-length header: '" + v + "'");
        }
        return n;
    }

    /**
     * Encodes a pending head with streaming framing (chunked on HTTP/1.1, close-delimited on HTTP/1.0), for a server
     * that wants the head on the wire before the application sends its first body part. Does nothing when the head has
     * already been encoded.
     *
     * @param out where the head is written
     * @throws IllegalStateException if no response was started
     */
    public void flushHead(OutputBuffer out) {
        requireStarted();
        if (framing == Framing.PENDING) {
            writeHead(streamingFraming(), -1, out);
        }
    }

    /**
     * Whether a response was started but its head is not encoded yet.
     *
     * @return true while the head is pending
     */
    public boolean isHeadPending() {
        return started && framing == Framing.PENDING;
    }

    /**
     * Encodes a body part. Empty parts write nothing; for HEAD requests and 1xx/204/304 no body bytes are written.
     *
     * @param body     the bytes (large arrays are referenced by {@code out}, not copied)
     * @param moreBody whether more parts follow
     * @param out      where the bytes are written
     * @throws IllegalStateException "Response content longer than Content-Length" / "Response content shorter than
     *                               Content-Length" on a length mismatch, or when not started or already complete
     */
    public void body(byte[] body, boolean moreBody, OutputBuffer out) {
        requireStarted();
        if (bodyDone) {
            throw new IllegalStateException("Response already complete");
        }
        int len = body.length;
        bodyBytes += len;
        if (framing == Framing.PENDING) {
            if (moreBody) {
                writeHead(streamingFraming(), -1, out);
            } else if (headRequest) {
                // A HEAD response gets the length a GET would (when the application computed the body); an empty
                // body most likely means the application did not, so no length is claimed.
                writeHead(Framing.NONE, len > 0 ? len : -1, out);
            } else {
                declaredLength = len;
                writeHead(Framing.LENGTH, len, out);
            }
        }
        switch (framing) {
            case LENGTH -> {
                sent += len;
                if (sent > declaredLength) {
                    throw new IllegalStateException("Response content longer than Content-Length");
                }
                if (!moreBody && sent < declaredLength) {
                    throw new IllegalStateException("Response content shorter than Content-Length");
                }
                out.write(body);
            }
            case CHUNKED -> {
                if (len > 0) {
                    out.writeHex(len);
                    out.write(CRLF);
                    out.write(body);
                    out.write(CRLF);
                }
                if (!moreBody && !trailersWanted) {
                    out.write(LAST_CHUNK_NO_TRAILERS);
                }
            }
            case CLOSE -> out.write(body);
            default -> {
                // NONE: a response without content.
            }
        }
        if (!moreBody) {
            bodyDone = true;
            complete = !trailersWanted;
        }
    }

    /**
     * Encodes the final body part when it is a file that the caller sends itself after {@code out}'s bytes, without
     * copying it (a {@code sendfile}): what {@link #body} with {@code moreBody} false would write around the bytes,
     * which here is the head with the file's length at most (a chunked head already sent rules this out).
     *
     * @param length the file's length
     * @param out    where the head is written
     * @return how many of the file's bytes the caller sends: {@code length}, or 0 for HEAD requests and responses
     *         without content
     * @throws IllegalStateException as {@link #body} on a length mismatch, when not started or already complete, and
     *                               when {@link #canSendFile()} is false
     */
    public long fileBody(long length, OutputBuffer out) {
        requireStarted();
        if (bodyDone) {
            throw new IllegalStateException("Response already complete");
        }
        if (!canSendFile()) {
            throw new IllegalStateException("the head went out with chunked framing: send the file as body parts");
        }
        bodyBytes += length;
        if (framing == Framing.PENDING) {
            if (headRequest) {
                writeHead(Framing.NONE, length > 0 ? length : -1, out);
            } else {
                declaredLength = length;
                writeHead(Framing.LENGTH, length, out);
            }
        }
        long bytes = switch (framing) {
            case LENGTH -> {
                sent += length;
                if (sent > declaredLength) {
                    throw new IllegalStateException("Response content longer than Content-Length");
                }
                if (sent < declaredLength) {
                    throw new IllegalStateException("Response content shorter than Content-Length");
                }
                yield length;
            }
            case CLOSE -> length;
            default -> 0; // NONE: a response without content
        };
        bodyDone = true;
        complete = !trailersWanted;
        return bytes;
    }

    /**
     * Whether {@link #fileBody} can encode the body: unless the head went out with chunked framing.
     *
     * @return false once a chunked head was written
     */
    public boolean canSendFile() {
        return framing != Framing.CHUNKED;
    }

    /**
     * Encodes trailer fields after the final body part, when {@link #start} announced them: as the chunked trailer
     * section, or dropped when the body is not chunked.
     *
     * @param trailers     the fields, written as given
     * @param moreTrailers whether more trailer fields follow
     * @param out          where the fields are written
     * @throws IllegalStateException if trailers were not announced, the body is not finished, or the response is
     *                               already complete
     */
    public void trailers(List<Header> trailers, boolean moreTrailers, OutputBuffer out) {
        requireStarted();
        if (!trailersWanted) {
            throw new IllegalStateException("Response trailers were not announced in the response start");
        }
        if (!bodyDone) {
            throw new IllegalStateException("Response trailers sent before the final body part");
        }
        if (complete) {
            throw new IllegalStateException("Response already complete");
        }
        if (framing == Framing.CHUNKED) {
            if (!trailersStarted) {
                out.write(LAST_CHUNK);
                trailersStarted = true;
            }
            for (int i = 0; i < trailers.size(); i++) {
                Header h = trailers.get(i);
                out.writeField(h.name(), h.value());
            }
            if (!moreTrailers) {
                out.write(CRLF);
            }
        }
        complete = !moreTrailers;
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("Response not started");
        }
    }

    private Framing streamingFraming() {
        if (headRequest) {
            return Framing.NONE;
        }
        return http10 ? Framing.CLOSE : Framing.CHUNKED;
    }

    private void writeHead(Framing framing, long addedLength, OutputBuffer out) {
        this.framing = framing;
        keepAlive = requestKeepAlive && !appClose && framing != Framing.CLOSE;
        out.write(HttpStatus.statusLine(status));
        defaults.writeTo(out, !appServer, !appDate);
        List<Header> hs = headers;
        for (int i = 0; i < hs.size(); i++) {
            Header h = hs.get(i);
            String name = h.name();
            if (name.length() == 14 && i != contentLengthIndex && name.equalsIgnoreCase("content-length")) {
                continue;
            }
            if (name.length() == 17 && name.equalsIgnoreCase("transfer-encoding")) {
                continue;
            }
            out.writeField(name, h.value());
        }
        if (addedLength >= 0) {
            out.writeAscii("content-length: ");
            out.writeDecimal(addedLength);
            out.write(CRLF);
        }
        if (framing == Framing.CHUNKED) {
            out.writeAscii("transfer-encoding: chunked\r\n");
        }
        if (!keepAlive && !appClose) {
            out.writeAscii("connection: close\r\n");
        } else if (keepAlive && http10 && !appKeepAlive) {
            out.writeAscii("connection: keep-alive\r\n");
        }
        out.write(CRLF);
    }

    /**
     * Whether a response was started.
     *
     * @return true after {@link #start}
     */
    public boolean isStarted() {
        return started;
    }

    /**
     * Whether the whole response (body and any announced trailers) has been encoded.
     *
     * @return true when complete
     */
    public boolean isComplete() {
        return complete;
    }

    /**
     * Whether the connection may carry another request after this response. Valid after {@link #start}; final once the
     * head is encoded (while it is pending, a streamed HTTP/1.0 body may still turn it to false).
     *
     * @return true if the connection may persist
     */
    public boolean keepAlive() {
        return framing == Framing.PENDING ? requestKeepAlive && !appClose : keepAlive;
    }

    /**
     * The status of the started response.
     *
     * @return the status code, 0 before {@link #start}
     */
    public int status() {
        return status;
    }

    /**
     * The body bytes the application sent, for the access log (counted also when not written, as for HEAD).
     *
     * @return the byte count
     */
    public long bodyBytes() {
        return bodyBytes;
    }

    /** For debugging: the response's state. */
    @Override
    public String toString() {
        return "ResponseEncoder[status=" + status + ", framing=" + framing + ", started=" + started + ", complete="
                + complete + "]";
    }
}
