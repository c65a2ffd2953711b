package io.jvicorn.http11.codec;

import io.jvicorn.asgi.Header;
import io.jvicorn.http.HttpSyntax;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Judges a request head as {@link HeadScanner} delivers it: each field as its line ends (Host, Content-Length and
 * Transfer-Encoding, RFC 9112 §3.2 and §6, are refused at the first field that breaks them), then the head as a whole
 * (a missing Host) when it completes, and turns it into a {@link RequestHead} with connection options (§9).
 */
final class RequestHeadParser implements HeadScanner.FieldSink {
    private final ParserLimits limits;
    private final RequestLineParser requestLine;

    // Per-request findings, reset by begin(). The fields gather in a reused array, copied to the exact size at the
    // end: their number is unknown until the head completes, and most heads have few.
    private Header[] headers = new Header[16];
    private int headerCount;
    private int hostCount;
    private long contentLength;
    private boolean transferEncoding;
    private boolean chunked;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean connectionUpgrade;
    private boolean upgradeWebSocket;
    private boolean expectContinue;

    RequestHeadParser(ParserLimits limits, RequestLineParser requestLine) {
        this.limits = limits;
        this.requestLine = requestLine;
    }

    /** Prepares for the next request's head. */
    void begin() {
        headerCount = 0;
        hostCount = 0;
        contentLength = -1;
        transferEncoding = false;
        chunked = false;
        connectionClose = false;
        connectionKeepAlive = false;
        connectionUpgrade = false;
        upgradeWebSocket = false;
        expectContinue = false;
    }

    /**
     * The head is complete: judges what only the whole head shows.
     *
     * @return the head
     */
    RequestHead finish() {
        HttpVersion version = requestLine.version;
        if (version == HttpVersion.HTTP_1_1 && hostCount == 0) {
            throw new ParseFailure(Violation.MISSING_HOST);
        }
        if (transferEncoding && !chunked) {
            throw new ParseFailure(Violation.INVALID_TRANSFER_ENCODING); // a guard: the codings' own checks come first
        }
        boolean keepAlive = !connectionClose && (version == HttpVersion.HTTP_1_1 || connectionKeepAlive);
        boolean hasBody = chunked || contentLength > 0;
        List<Header> fields = headerCount == 0 ? List.of()
                : Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(headers, headerCount)));
        Arrays.fill(headers, 0, headerCount, null); // keep no request's fields past its head
        return new RequestHead(requestLine.method, version, requestLine.targetForm, requestLine.rawPath,
                requestLine.queryString, fields, chunked ? -1 : Math.max(contentLength, 0), chunked, keepAlive,
                expectContinue && version == HttpVersion.HTTP_1_1,
                connectionUpgrade && upgradeWebSocket && !hasBody);
    }

    @Override
    public void field(Header h) {
        if (headerCount == headers.length) {
            headers = Arrays.copyOf(headers, headerCount * 2);
        }
        headers[headerCount++] = h;
        String name = h.name();
        if (name == HeaderNames.HOST) {
            host(h.value());
        } else if (name == HeaderNames.CONTENT_LENGTH) {
            if (contentLength >= 0) {
                throw new ParseFailure(Violation.DUPLICATE_CONTENT_LENGTH);
            }
            contentLength = contentLength(h.value());
            if (transferEncoding) {
                throw new ParseFailure(Violation.CONTENT_LENGTH_WITH_TRANSFER_ENCODING);
            }
            if (limits.maxBodyBytes() >= 0 && contentLength > limits.maxBodyBytes()) {
                throw new ParseFailure(Violation.BODY_TOO_LARGE);
            }
        } else if (name == HeaderNames.TRANSFER_ENCODING) {
            if (requestLine.version == HttpVersion.HTTP_1_0) {
                throw new ParseFailure(Violation.TRANSFER_ENCODING_IN_HTTP_1_0);
            }
            if (contentLength >= 0) {
                throw new ParseFailure(Violation.CONTENT_LENGTH_WITH_TRANSFER_ENCODING);
            }
            transferCodings(h.value());
        } else if (name == HeaderNames.CONNECTION) {
            connectionOptions(h.value());
        } else if (name == HeaderNames.UPGRADE) {
            upgradeWebSocket |= upgradesToWebSocket(h.value());
        } else if (name == HeaderNames.EXPECT) {
            expectContinue |= h.value().equalsIgnoreCase("100-continue");
        }
    }

    private void host(String host) {
        if (++hostCount > 1) {
            throw new ParseFailure(Violation.DUPLICATE_HOST);
        }
        if (!host.isEmpty() && !HostValidator.isValidAuthority(host)) {
            throw new ParseFailure(Violation.INVALID_HOST);
        }
        String authority = requestLine.authority;
        if (authority != null && !authority.equalsIgnoreCase(host)) {
            throw new ParseFailure(Violation.HOST_MISMATCH);
        }
    }

    private static long contentLength(String v) {
        long n = HttpSyntax.contentLength(v);
        if (n < 0) {
            // Told apart only to keep the words a client sees; the value has no surrounding OWS left.
            throw new ParseFailure(v.isEmpty() ? Violation.EMPTY_CONTENT_LENGTH
                    : v.length() > HttpSyntax.MAX_CONTENT_LENGTH_DIGITS ? Violation.CONTENT_LENGTH_TOO_MANY_DIGITS
                    : Violation.INVALID_CONTENT_LENGTH);
        }
        return n;
    }

    /**
     * Checks the codings of one Transfer-Encoding field, in order (several fields form one list), refusing at the first
     * coding that no acceptable list could contain: jvicorn decodes only a single chunked.
     */
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
            if (HttpSyntax.equalsLower(v, start, nameEnd, "chunked")) {
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
                throw new ParseFailure(chunked ? Violation.CHUNKED_NOT_LAST : Violation.UNSUPPORTED_TRANSFER_CODING);
            }
            i = elementEnd + 1;
        } while (i <= len);
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
