package io.jvicorn.testing;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.rules.ScopeParts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the scopes the server would build for a request, through the same {@link ScopeParts}: the test client's
 * connection is {@code testclient:50000} to {@code testserver:80} (Starlette's names), plaintext, HTTP/1.1.
 */
final class TestScopes {
    private final String rootPath;
    private final Address client;
    private final Address server;
    private final Map<String, Object> state;

    TestScopes(String rootPath, Address client, Address server, Map<String, Object> state) {
        this.rootPath = rootPath;
        this.client = client;
        this.server = server;
        this.state = state;
    }

    HttpScope http(TestRequest request) {
        Target t = Target.of(request.target());
        byte[] raw = t.rawPath();
        byte[] query = t.query();
        List<Header> headers = headers(request.headers(), hostHeader());
        if (request.streamed()) {
            addUnlessPresent(headers, "transfer-encoding", "chunked");
        } else if (request.wholeBody().length > 0 || !List.of("GET", "HEAD", "DELETE", "OPTIONS").contains(request.method())) {
            addUnlessPresent(headers, "content-length", Integer.toString(request.wholeBody().length));
        }
        return new HttpScope(AsgiVersion.HTTP, "1.1", request.method(), "http", ScopeParts.path(raw, rootPath),
                ScopeParts.rawPath(raw, rootPath), query, rootPath, List.copyOf(headers), client, server,
                new HashMap<>(state), ScopeParts.HTTP_EXTENSIONS);
    }

    WebSocketScope webSocket(TestRequest request, List<String> subprotocols) {
        Target t = Target.of(request.target());
        byte[] raw = t.rawPath();
        byte[] query = t.query();
        List<Header> headers = headers(request.headers(), hostHeader());
        addUnlessPresent(headers, "connection", "upgrade");
        addUnlessPresent(headers, "upgrade", "websocket");
        addUnlessPresent(headers, "sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==");
        addUnlessPresent(headers, "sec-websocket-version", "13");
        if (!subprotocols.isEmpty()) {
            addUnlessPresent(headers, "sec-websocket-protocol", String.join(", ", subprotocols));
        }
        return new WebSocketScope(AsgiVersion.HTTP, "1.1", "ws", ScopeParts.path(raw, rootPath),
                ScopeParts.rawPath(raw, rootPath), query, rootPath, List.copyOf(headers), client, server,
                List.copyOf(subprotocols), new HashMap<>(state), ScopeParts.WEBSOCKET_EXTENSIONS);
    }

    /** A request target split as the server's request-line parser splits it. */
    private record Target(byte[] rawPath, byte[] query) {
        static Target of(String target) {
            byte[] bytes = encodeTarget(target);
            int q = indexOf(bytes, (byte) '?');
            return q < 0 ? new Target(bytes, new byte[0])
                    : new Target(Arrays.copyOf(bytes, q), Arrays.copyOfRange(bytes, q + 1, bytes.length));
        }
    }

    private String hostHeader() {
        Integer port = server.port();
        return port == null || port == 80 ? server.host() : server.host() + ":" + port;
    }

    /** The request's headers with lower-case names, after a {@code host} and a {@code user-agent} unless given. */
    private static List<Header> headers(List<Header> given, String host) {
        List<Header> headers = new ArrayList<>(given.size() + 4);
        if (Header.first(given, "host") == null) {
            headers.add(Header.of("host", host));
        }
        if (Header.first(given, "user-agent") == null) {
            headers.add(Header.of("user-agent", "testclient"));
        }
        for (Header h : given) {
            headers.add(Header.of(h.lowerName(), h.value()));
        }
        return headers;
    }

    private static void addUnlessPresent(List<Header> headers, String name, String value) {
        if (Header.first(headers, name) == null) {
            headers.add(Header.of(name, value));
        }
    }

    /** The target's bytes as a client sends them: printable ASCII as is, anything else percent-encoded UTF-8. */
    static byte[] encodeTarget(String target) {
        byte[] utf8 = target.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length);
        for (byte b : utf8) {
            int c = b & 0xFF;
            if (c > 32 && c < 127) {
                out.write(c);
            } else {
                out.write('%');
                out.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.write(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toByteArray();
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
