package io.jvicorn.http2.server;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.internal.CheckedHeaders;
import io.jvicorn.http11.codec.HttpVersion;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.codec.TargetForm;
import io.jvicorn.http2.session.Http2Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP/2 request as the {@link RequestHead} HTTP/1.1's scope builder and access log take: {@code :path} split into
 * path and query, {@code :authority} as {@code host} (RFC 9113 §8.3.1), version {@link HttpVersion#HTTP_2}.
 */
final class RequestHeads {
    private RequestHeads() {
    }

    /** The head of a request with a {@code :path}: not a plain CONNECT, which this server does not serve. */
    static RequestHead of(Http2Request r) {
        String target = Objects.requireNonNull(r.path(), "a plain CONNECT has no :path");
        byte[] bytes = target.getBytes(StandardCharsets.ISO_8859_1);
        int q = indexOf(bytes, (byte) '?');
        byte[] path = q < 0 ? bytes : Arrays.copyOfRange(bytes, 0, q);
        byte[] query = q < 0 ? new byte[0] : Arrays.copyOfRange(bytes, q + 1, bytes.length);
        List<Header> headers = r.headers();
        String authority = r.authority();
        if (authority != null && !hasHost(headers)) {
            List<Header> withHost = new ArrayList<>(headers.size() + 1);
            withHost.add(CheckedHeaders.of("host", authority)); // checked as a field value by the session
            withHost.addAll(headers);
            headers = List.copyOf(withHost);
        }
        TargetForm form = target.equals("*") ? TargetForm.ASTERISK : TargetForm.ORIGIN;
        return new RequestHead(r.method(), HttpVersion.HTTP_2, form, path, query, headers,
                Math.max(0, r.contentLength()), false, true, false, false);
    }

    private static boolean hasHost(List<Header> headers) {
        for (Header h : headers) {
            if (h.name().equals("host")) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
