package io.jvicorn.jakarta.websocket;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.WebSocketScope;
import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The opening handshake as the specification shows it ({@link HandshakeRequest}), read from jvicorn's
 * {@link WebSocketScope}: headers (names case-insensitive), the request URI, the query and its parameters, and the
 * path template's values. Immutable once built.
 */
final class HandshakeView implements HandshakeRequest {
    private final WebSocketScope scope;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> parameters;
    private final Map<String, String> pathParameters;
    private final URI requestUri;

    HandshakeView(WebSocketScope scope, Map<String, String> pathParameters) {
        this.scope = scope;
        this.headers = headers(scope.headers());
        this.parameters = parameters(scope.query(), pathParameters);
        this.pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
        this.requestUri = requestUri(scope);
    }

    private static Map<String, List<String>> headers(List<Header> list) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header h : list) {
            map.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(h.value());
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(map);
    }

    /**
     * The query's parameters ({@code a=1&b=2&a=3}: names and values percent-decoded as a form, {@code +} is a space,
     * order kept), then the path template's values, as Tyrus (and Tomcat) report them.
     */
    static Map<String, List<String>> parameters(String query, Map<String, String> pathParameters) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            map.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        pathParameters.forEach((name, value) -> map.put(name, List.of(value)));
        return Collections.unmodifiableMap(map);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape: keep the text as it came
        }
    }

    /** {@code ws://host/path?query}, the host from the Host header (or the server's address). */
    private static URI requestUri(WebSocketScope scope) {
        String host = scope.header("host");
        Address server = scope.server();
        if (host == null && server != null) {
            host = server.port() == null ? server.host() : server.host() + ":" + server.port();
        }
        String path = new String(scope.rawPath(), StandardCharsets.ISO_8859_1);
        String query = scope.query();
        String text = scope.scheme() + "://" + (host == null ? "localhost" : host) + path
                + (query.isEmpty() ? "" : "?" + query);
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            return URI.create(scope.scheme() + "://localhost/"); // a request line URI.create refuses; never routed here
        }
    }

    boolean secure() {
        return scope.scheme().equals("wss");
    }

    Map<String, String> pathParameters() {
        return pathParameters;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public @Nullable Principal getUserPrincipal() {
        return null;
    }

    @Override
    public URI getRequestURI() {
        return requestUri;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    /** jvicorn has no HTTP session. */
    @Override
    public @Nullable Object getHttpSession() {
        return null;
    }

    @Override
    public Map<String, List<String>> getParameterMap() {
        return parameters;
    }

    @Override
    public @Nullable String getQueryString() {
        String q = scope.query();
        return q.isEmpty() ? null : q;
    }
}
