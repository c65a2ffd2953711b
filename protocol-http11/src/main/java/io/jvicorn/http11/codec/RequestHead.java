package io.jvicorn.http11.codec;

import io.jvicorn.asgi.Header;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed request line and header section.
 *
 * @param method           the method token, case as sent
 * @param version          the HTTP version
 * @param targetForm       origin, absolute or asterisk form
 * @param rawPath          the path, still percent-encoded ({@code "*"} for the asterisk form, {@code "/"} for an
 *                         absolute-form target without a path)
 * @param queryString      the bytes after the first {@code ?}, still percent-encoded; empty when there is none
 * @param headers          the header fields in order, names lowercased, duplicates kept
 * @param contentLength    the declared length, 0 when there is no body, -1 when chunked
 * @param chunked          whether the body uses the chunked transfer coding
 * @param keepAlive        whether the client allows the connection to carry another request
 * @param expectContinue   whether an HTTP/1.1 client sent {@code Expect: 100-continue}
 * @param upgradeWebSocket whether this is a body-less request to upgrade to WebSocket ({@code Connection: upgrade}
 *                         with {@code Upgrade: websocket}); the handshake itself is not validated here
 */
public record RequestHead(String method, HttpVersion version, TargetForm targetForm,
                          byte[] rawPath, byte[] queryString, List<Header> headers,
                          long contentLength, boolean chunked, boolean keepAlive, boolean expectContinue,
                          boolean upgradeWebSocket) implements ParseEvent {

    /**
     * Whether the method is HEAD, whose response carries no body.
     *
     * @return true for HEAD
     */
    public boolean isHead() {
        return "HEAD".equals(method);
    }

    /**
     * Whether body events follow this head.
     *
     * @return true when chunked or with a positive content length
     */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    /** Compares the byte arrays by content, unlike the default record equality. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RequestHead r
                && method.equals(r.method) && version == r.version && targetForm == r.targetForm
                && Arrays.equals(rawPath, r.rawPath) && Arrays.equals(queryString, r.queryString)
                && headers.equals(r.headers) && contentLength == r.contentLength && chunked == r.chunked
                && keepAlive == r.keepAlive && expectContinue == r.expectContinue
                && upgradeWebSocket == r.upgradeWebSocket;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, version, targetForm, Arrays.hashCode(rawPath), Arrays.hashCode(queryString),
                headers, contentLength, chunked, keepAlive, expectContinue, upgradeWebSocket);
    }

    @Override
    public String toString() {
        return "RequestHead[" + method + " " + new String(rawPath, StandardCharsets.ISO_8859_1)
                + (queryString.length > 0 ? "?" + new String(queryString, StandardCharsets.ISO_8859_1) : "")
                + " HTTP/" + version.text() + ", targetForm=" + targetForm + ", headers=" + headers
                + ", contentLength=" + contentLength + ", chunked=" + chunked + ", keepAlive=" + keepAlive
                + ", expectContinue=" + expectContinue + ", upgradeWebSocket=" + upgradeWebSocket + "]";
    }
}
