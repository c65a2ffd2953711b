package io.jvicorn.http11.codec;

import io.jvicorn.asgi.Header;
import io.jvicorn.http.HttpSyntax;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a complete, line-checked request head into a {@link RequestHead}: the request line, the field lines, and the
 * framing rules of RFC 9112 §6 (Content-Length, Transfer-Encoding), Host (§3.2) and connection options (§9).
 */
final class RequestHeadParser {
    private final ParserLimits limits;
    private final RequestLineParser requestLine = new RequestLineParser();
    private final FieldLineParser fieldLine;

    // Per-request findings, reset by parse().
    private int hostCount;
    private String host = "";
    private long contentLength;
    private boolean transferEncoding;
    private boolean chunked;
    private boolean chunkedLast;
    private boolean unknownCoding;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean connectionUpgrade;
    private boolean upgradeWebSocket;
    private boolean expectContinue;

    RequestHeadParser(ParserLimits limits, FieldLineParser fieldLine) {
        this.limits = limits;
        this.fieldLine = fieldLine;
    }

    /**
     * Parses the head that {@code lines} found in {@code b}, its positions being relative to {@code base}.
     */
    RequestHead parse(byte[] b, int base, HeadScanner lines) {
        int lineEnd = base + lines.requestLineEnd();
        requestLine.parse(b, base + lines.start(), lineEnd);
        HttpVersion version = requestLine.version;
        reset();
        List<Header> headers = lines.fieldLines() == 0 ? List.of() : fields(b, base, lineEnd + 2, lines);
        if (version == HttpVersion.HTTP_1_1 && hostCount == 0) {
            throw new ParseFailure(Violation.MISSING_HOST);
        }
        if (hostCount == 1 && !host.isEmpty() && !HostValidator.isValidAuthority(host)) {
            throw new ParseFailure(Violation.INVALID_HOST);
        }
        String authority = requestLine.authority;
        if (authority != null && hostCount == 1 && !authority.equalsIgnoreCase(host)) {
            throw new ParseFailure(Violation.HOST_MISMATCH);
        }
        if (transferEncoding) {
            checkTransferEncoding(version);
        }
        if (contentLength > 0 && limits.maxBodyBytes() >= 0 && contentLength > limits.maxBodyBytes()) {
            throw new ParseFailure(Violation.BODY_TOO_LARGE);
        }
        boolean keepAlive = !connectionClose && (version == HttpVersion.HTTP_1_1 || connectionKeepAlive);
        boolean hasBody = chunked || contentLength > 0;
        return new RequestHead(requestLine.method, version, requestLine.targetForm, requestLine.rawPath,
                requestLine.queryString, headers, chunked ? -1 : Math.max(contentLength, 0), chunked, keepAlive,
                expectContinue && version == HttpVersion.HTTP_1_1,
                connectionUpgrade && upgradeWebSocket && !hasBody);
    }

    private void reset() {
        hostCount = 0;
        host = "";
        contentLength = -1;
        transferEncoding = false;
        chunked = false;
        chunkedLast = false;
        unknownCoding = false;
        connectionClose = false;
        connectionKeepAlive = false;
        connectionUpgrade = false;
        upgradeWebSocket = false;
        expectContinue = false;
    }

    private List<Header> fields(byte[] b, int base, int firstLine, HeadScanner lines) {
        int count = lines.fieldLines();
        ArrayList<Header> headers = new ArrayList<>(count);
        int line = firstLine;
        for (int k = 0; k < count; k++) {
            int end = base + lines.fieldLineEnd(k);
            Header h = fieldLine.parse(b, line, end);
            headers.add(h);
            inspect(h);
            line = end + 2;
        }
        return Collections.unmodifiableList(headers);
    }

    private void inspect(Header h) {
        String name = h.name();
        if (name == HeaderNames.HOST) {
            if (++hostCount > 1) {
                throw new ParseFailure(Violation.DUPLICATE_HOST);
            }
            host = h.value();
        } else if (name == HeaderNames.CONTENT_LENGTH) {
            if (contentLength >= 0) {
                throw new ParseFailure(Violation.DUPLICATE_CONTENT_LENGTH);
            }
            contentLength = contentLength(h.value());
        } else if (name == HeaderNames.TRANSFER_ENCODING) {
            transferCodings(h.value());
        } else if (name == HeaderNames.CONNECTION) {
            connectionOptions(h.value());
        } else if (name == HeaderNames.UPGRADE) {
            upgradeWebSocket |= upgradesToWebSocket(h.value());
        } else if (name == HeaderNames.EXPECT) {
            expectContinue |= h.value().equalsIgnoreCase("100-continue");
        }
    }

    private static long contentLength(String v) {
        long n = HttpSyntax.contentLength(v);
        if (n < 0) {
            // Told apart only to keep the words a client sees; the value has no surrounding OWS left.
            throw new ParseFailure(v.isEmpty() ? Violation.EMPTY_CONTENT_LENGTH
                    : v.length() > HttpSyntax.MAX_CONTENT_LENGTH_DIGITS ? Violation.CONTENT_LENGTH_TOO_LARGE
                    : Violation.INVALID_CONTENT_LENGTH);
        }
        return n;
    }

    /** Records the codings of one Transfer-Encoding field, in order (several fields form one list). */
    private void transferCodings(String v) {
        transferEncoding = true;
        int len = v.length();
        int i = 0;
        do {
            int start = HttpSyntax.skipWhitespace(v, i, len);
            int nameEnd = HttpSyntax.tokenEnd(v, start, len);
            int elementEnd = HttpSyntax.elementEnd(v, nameEnd);
            if (nameEnd == start) {
                throw new ParseFailure(
                        start == elementEnd ? Violation.EMPTY_TRANSFER_CODING : Violation.INVALID_TRANSFER_CODING);
            }
            int rest = HttpSyntax.skipWhitespace(v, nameEnd, elementEnd);
            boolean isChunked = HttpSyntax.equalsLower(v, start, nameEnd, "chunked");
            if (isChunked) {
                if (rest != elementEnd) {
                    throw new ParseFailure(Violation.INVALID_TRANSFER_CODING);
                }
                if (chunked) {
                    throw new ParseFailure(Violation.CHUNKED_TWICE);
                }
                chunked = true;
            } else {
                if (rest != elementEnd && v.charAt(rest) != ';') {
                    throw new ParseFailure(Violation.INVALID_TRANSFER_CODING);
                }
                unknownCoding = true;
            }
            chunkedLast = isChunked;
            i = elementEnd + 1;
        } while (i <= len);
    }

    private void checkTransferEncoding(HttpVersion version) {
        if (version == HttpVersion.HTTP_1_0) {
            throw new ParseFailure(Violation.TRANSFER_ENCODING_IN_HTTP_1_0);
        }
        if (contentLength >= 0) {
            throw new ParseFailure(Violation.CONTENT_LENGTH_WITH_TRANSFER_ENCODING);
        }
        if (chunked && !chunkedLast) {
            throw new ParseFailure(Violation.CHUNKED_NOT_LAST);
        }
        if (unknownCoding) {
            throw new ParseFailure(Violation.UNSUPPORTED_TRANSFER_CODING);
        }
        if (!chunked) {
            throw new ParseFailure(Violation.INVALID_TRANSFER_ENCODING);
        }
    }

    private void connectionOptions(String v) {
        // Three short walks of a short value rather than one loop of our own.
        connectionClose |= HttpSyntax.listContains(v, "close");
        connectionKeepAlive |= HttpSyntax.listContains(v, "keep-alive");
        connectionUpgrade |= HttpSyntax.listContains(v, "upgrade");
    }

    /** Whether an Upgrade list names {@code websocket} (with or without a protocol version). */
    private static boolean upgradesToWebSocket(String v) {
        int len = v.length();
        for (int i = 0; i <= len; ) {
            int end = HttpSyntax.elementEnd(v, i);
            int start = HttpSyntax.skipWhitespace(v, i, end);
            if (HttpSyntax.equalsLower(v, start, HttpSyntax.tokenEnd(v, start, end), "websocket")) {
                return true;
            }
            i = end + 1;
        }
        return false;
    }
}
