package io.jvicorn.spring.webflux;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.ConnectionScope;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.rules.TlsExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;

/**
 * A jvicorn {@code http} scope (or a WebSocket handshake) as WebFlux's {@code ServerHttpRequest}: method, URI (scheme, {@code host} header, raw
 * path and query), {@code root_path} as the context path, headers, cookies, client and server addresses, TLS from the
 * scope's {@code tls} extension, and the body from {@link RequestReader}. The native request is the scope.
 */
final class JvicornServerHttpRequest extends AbstractServerHttpRequest {
    private final ConnectionScope scope;
    private final Flux<DataBuffer> body;
    private final @Nullable PendingWebSocket webSocket;

    /**
     * @param scope the request's scope
     * @param body  its body
     */
    JvicornServerHttpRequest(HttpScope scope, Flux<DataBuffer> body) throws URISyntaxException {
        super(HttpMethod.valueOf(scope.method()), uri(scope), scope.rootPath(), headers(scope));
        this.scope = scope;
        this.body = body;
        this.webSocket = null;
    }

    /**
     * A WebSocket handshake as the GET request it is, with what {@link JvicornRequestUpgradeStrategy} needs to accept.
     *
     * @param webSocket the socket waiting for the application's answer
     */
    JvicornServerHttpRequest(PendingWebSocket webSocket) throws URISyntaxException {
        super(HttpMethod.GET, uri(webSocket.scope()), webSocket.scope().rootPath(), headers(webSocket.scope()));
        this.scope = webSocket.scope();
        this.body = Flux.empty();
        this.webSocket = webSocket;
    }

    /** @return the WebSocket this handshake request belongs to, or null for an {@code http} scope */
    @Nullable PendingWebSocket webSocket() {
        return webSocket;
    }

    /** As Reactor Netty's adapter builds it: scheme, the {@code host} header (else the server address), target. */
    static URI uri(ConnectionScope scope) throws URISyntaxException {
        String host = scope.header("host");
        if (host == null) {
            Address server = scope.server();
            host = server != null && server.port() != null ? server.toString() : "localhost";
        }
        String query = scope.query();
        String target = new String(scope.rawPath(), StandardCharsets.ISO_8859_1) + (query.isEmpty() ? "" : "?" + query);
        return new URI(scope.scheme() + "://" + host + target);
    }

    /** The scope's headers, in a {@link HeaderFields} rather than copied into Spring's map. */
    static HttpHeaders headers(ConnectionScope scope) {
        return new HttpHeaders(new HeaderFields(scope.headers()));
    }

    @Override
    protected MultiValueMap<String, HttpCookie> initCookies() {
        return cookies(getHeaders());
    }

    /** RFC 6265 §5.4's {@code cookie} header: {@code name=value} pairs separated by {@code ;}, in every such header. */
    static MultiValueMap<String, HttpCookie> cookies(HttpHeaders headers) {
        MultiValueMap<String, HttpCookie> cookies = new LinkedMultiValueMap<>();
        List<String> values = headers.get(HttpHeaders.COOKIE);
        if (values == null) {
            return cookies;
        }
        for (String header : values) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue; // no name: not a cookie (RFC 6265 §5.2 ignores it too)
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    value = value.substring(1, value.length() - 1);
                }
                if (!name.isEmpty()) {
                    cookies.add(name, new HttpCookie(name, value));
                }
            }
        }
        return cookies;
    }

    @Override
    public @Nullable InetSocketAddress getRemoteAddress() {
        return socketAddress(scope.client());
    }

    @Override
    public @Nullable InetSocketAddress getLocalAddress() {
        return socketAddress(scope.server());
    }

    /** An address of the scope as a socket address: resolved when it is an IP literal (no lookup), else unresolved. */
    static @Nullable InetSocketAddress socketAddress(@Nullable Address address) {
        if (address == null) {
            return null;
        }
        Integer port = address.port();
        if (port == null) {
            return null; // a unix socket has no InetSocketAddress
        }
        String host = address.host();
        if (isIpLiteral(host)) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port); // a literal: parsed, not looked up
            } catch (UnknownHostException e) {
                return InetSocketAddress.createUnresolved(host, port);
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6
        }
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    @Override
    protected @Nullable SslInfo initSslInfo() {
        return sslInfo(scope.extensions());
    }

    /** The scope's {@code tls} extension as Spring's {@link SslInfo}: the client's chain (ASGI has no session id). */
    static @Nullable SslInfo sslInfo(Map<String, Object> extensions) {
        if (!(extensions.get("tls") instanceof Map<?, ?> raw)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> tls = (Map<String, ?>) raw;
        X509Certificate[] chain = TlsExtension.clientCertificates(tls);
        return new ScopeSslInfo(chain.length == 0 ? null : chain);
    }

    /** SslInfo of a jvicorn scope. */
    private record ScopeSslInfo(X509Certificate @Nullable [] chain) implements SslInfo {
        @Override
        public @Nullable String getSessionId() {
            return null;
        }

        @Override
        public X509Certificate @Nullable [] getPeerCertificates() {
            return chain == null ? null : chain.clone();
        }
    }

    @Override
    public Flux<DataBuffer> getBody() {
        return body;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getNativeRequest() {
        return (T) scope;
    }
}
