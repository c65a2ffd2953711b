package io.jvicorn.http2.session;

import io.jvicorn.asgi.Header;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request's head, validated (RFC 9113 §8.3): its pseudo-header fields taken apart, the regular fields in order with
 * Cookie crumbs joined into one field (§8.2.3), so that an application written for HTTP/1.1 sees what it would there.
 *
 * @param method        {@code :method}
 * @param scheme        {@code :scheme}, or null for CONNECT
 * @param path          {@code :path}, or null for CONNECT
 * @param authority     {@code :authority}, or null when the client sent none (then {@code host}, if any, is among the
 *                      headers)
 * @param protocol      {@code :protocol} of an extended CONNECT (RFC 8441, such as {@code websocket}), else null
 * @param headers       the regular fields, lowercase names
 * @param contentLength the Content-Length, or -1
 */
public record Http2Request(String method, @Nullable String scheme, @Nullable String path, @Nullable String authority,
        @Nullable String protocol, List<Header> headers, long contentLength) {
}
