package io.jvicorn.http2.session;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.internal.CheckedHeaders;
import io.jvicorn.http.HttpSyntax;
import io.jvicorn.http2.hpack.HeaderSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Collects one decoded header block and judges it as a request head or as trailers (RFC 9113 §8.1, §8.2, §8.3): the
 * first rule broken is kept and the rest of the block ignored, since the block must still be decoded to the end to keep
 * HPACK's table in step. One instance per connection, reset for each block; owned by the connection's thread.
 */
final class RequestFields implements HeaderSink {
    /** Whether this server sent SETTINGS_ENABLE_CONNECT_PROTOCOL, so {@code :protocol} is a request field (RFC 8441). */
    private final boolean connectProtocol;
    private boolean trailers;
    private @Nullable SessionViolation violation;
    private boolean regularSeen;
    private @Nullable String method;
    private @Nullable String scheme;
    private @Nullable String path;
    private @Nullable String authority;
    private @Nullable String protocol;
    private @Nullable String host;
    private @Nullable StringBuilder cookie;
    /** Where the joined Cookie goes among {@link #headers}: where its first crumb came. */
    private int cookieIndex;
    private long contentLength;
    private final List<Header> headers = new ArrayList<>();

    /** @param connectProtocol whether the server sent SETTINGS_ENABLE_CONNECT_PROTOCOL */
    RequestFields(boolean connectProtocol) {
        this.connectProtocol = connectProtocol;
    }

    /** Starts a block: a request head, or trailers. */
    void reset(boolean trailers) {
        this.trailers = trailers;
        violation = null;
        regularSeen = false;
        method = null;
        scheme = null;
        path = null;
        authority = null;
        protocol = null;
        host = null;
        cookie = null;
        contentLength = -1;
        headers.clear();
    }

    @Override
    public void field(String name, String value) {
        if (violation != null) {
            return;
        }
        violation = name.startsWith(":") ? pseudo(name, value) : regular(name, value);
    }

    private @Nullable SessionViolation pseudo(String name, String value) {
        if (trailers) {
            return SessionViolation.PSEUDO_HEADER_IN_TRAILERS;
        }
        if (regularSeen) {
            return SessionViolation.PSEUDO_HEADER_AFTER_REGULAR;
        }
        if (!validValue(value)) {
            return SessionViolation.INVALID_FIELD_VALUE;
        }
        String was;
        switch (name) {
            case ":method" -> {
                was = method;
                method = value;
            }
            case ":scheme" -> {
                was = scheme;
                scheme = value;
            }
            case ":path" -> {
                was = path;
                path = value;
            }
            case ":authority" -> {
                was = authority;
                authority = value;
            }
            case ":protocol" -> {
                // Without the setting this is a pseudo-header requests do not define (RFC 8441 §4, §3).
                if (!connectProtocol) {
                    return SessionViolation.PROTOCOL_NOT_ENABLED;
                }
                was = protocol;
                protocol = value;
            }
            default -> {
                return SessionViolation.UNKNOWN_PSEUDO_HEADER;
            }
        }
        return was != null ? SessionViolation.DUPLICATE_PSEUDO_HEADER : null;
    }

    private @Nullable SessionViolation regular(String name, String value) {
        regularSeen = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return SessionViolation.UPPERCASE_FIELD_NAME;
            }
        }
        if (!HttpSyntax.isToken(name)) {
            return SessionViolation.INVALID_FIELD_NAME;
        }
        if (!validValue(value)) {
            return SessionViolation.INVALID_FIELD_VALUE;
        }
        switch (name) {
            case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade" -> {
                return SessionViolation.CONNECTION_SPECIFIC_FIELD;
            }
            case "te" -> {
                if (!value.equals("trailers")) {
                    return SessionViolation.TE_NOT_TRAILERS;
                }
            }
            case "content-length" -> {
                long n = HttpSyntax.contentLength(value);
                if (n < 0 || contentLength >= 0 && n != contentLength) {
                    return SessionViolation.INVALID_CONTENT_LENGTH;
                }
                if (contentLength >= 0) {
                    return null; // the same value twice: keep one
                }
                contentLength = n;
            }
            case "host" -> host = value;
            case "cookie" -> {
                // Crumbs are joined into one field (§8.2.3), placed where the first one was.
                if (cookie == null) {
                    cookie = new StringBuilder(value);
                    cookieIndex = headers.size();
                } else {
                    cookie.append("; ").append(value);
                }
                return null;
            }
            default -> {
            }
        }
        headers.add(CheckedHeaders.of(name, value));
        return null;
    }

    /** A field value: field-value characters, no leading or trailing whitespace (§8.2.1). */
    private static boolean validValue(String value) {
        int n = value.length();
        if (n > 0 && (HttpSyntax.isWhitespace(value.charAt(0)) || HttpSyntax.isWhitespace(value.charAt(n - 1)))) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!HttpSyntax.isFieldValueChar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rule the block broke, once it has been decoded whole; for a request head this includes the pseudo-header
     * fields it lacks.
     *
     * @return the violation, or null
     */
    @Nullable SessionViolation violation() {
        if (violation != null || trailers) {
            return violation;
        }
        if (method == null) {
            return SessionViolation.MISSING_PSEUDO_HEADER;
        }
        if (protocol != null) {
            // Extended CONNECT (RFC 8441 §4): a CONNECT that names its target like any other request.
            if (!method.equals("CONNECT")) {
                return SessionViolation.PROTOCOL_WITHOUT_CONNECT;
            }
            if (scheme == null || path == null || authority == null) {
                return SessionViolation.MISSING_PSEUDO_HEADER;
            }
            if (path.isEmpty()) {
                return SessionViolation.EMPTY_PATH;
            }
        } else if (method.equals("CONNECT")) {
            if (scheme != null || path != null) {
                return SessionViolation.CONNECT_WITH_SCHEME_OR_PATH;
            }
            if (authority == null) {
                return SessionViolation.MISSING_PSEUDO_HEADER;
            }
        } else if (scheme == null || path == null) {
            return SessionViolation.MISSING_PSEUDO_HEADER;
        } else if (path.isEmpty()) {
            return SessionViolation.EMPTY_PATH;
        }
        if (authority != null && host != null && !host.equalsIgnoreCase(authority)) {
            return SessionViolation.HOST_NOT_AUTHORITY;
        }
        return null;
    }

    /** The request, after {@link #violation()} returned null. */
    Http2Request request() {
        if (cookie != null) {
            headers.add(cookieIndex, CheckedHeaders.of("cookie", cookie.toString()));
        }
        return new Http2Request(Objects.requireNonNull(method), scheme, path, authority, protocol,
                List.copyOf(headers), contentLength);
    }

    /** The request's Content-Length, or -1. */
    long contentLength() {
        return contentLength;
    }
}
