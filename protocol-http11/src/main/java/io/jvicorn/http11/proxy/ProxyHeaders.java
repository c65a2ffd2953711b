package io.jvicorn.http11.proxy;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.Header;
import io.jvicorn.http.HttpSyntax;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a trusted reverse proxy says about the original request: Uvicorn's {@code ProxyHeadersMiddleware} plus RFC 7239
 * {@code Forwarded}, {@code X-Forwarded-Host} and {@code X-Forwarded-Port}.
 *
 * <p>Nothing changes unless the immediate peer is in the {@link ForwardedAllowList}. Then:
 * <ul>
 *   <li>When a well-formed {@code Forwarded} header is present it alone is used and every {@code X-Forwarded-*}
 *       header is ignored. Its elements (all header lines joined) are walked right to left; the first whose
 *       {@code for} is not a trusted address is the one the original client's proxy wrote, so its {@code for} becomes
 *       the client and its {@code proto} and {@code host} the scheme and server; when every hop is trusted, or under
 *       {@code *}, the leftmost element is used. A {@code for} of {@code unknown}, an obfuscated identifier
 *       ({@code _hidden}) or anything that is not an IP address cannot be checked, so the walk stops there and the
 *       client stays the peer.</li>
 *   <li>Otherwise Uvicorn's rules: {@code X-Forwarded-Proto}'s last line, stripped, if it is http, https, ws or wss;
 *       {@code X-Forwarded-For}'s lines joined and walked right to left, the first untrusted entry becoming the client
 *       ({@code 1.2.3.4:1234} and {@code [2001:db8::1]:443} give a port, anything else port 0, garbage is kept as
 *       text), the leftmost when all are trusted or under {@code *}, the client unchanged when that entry is blank.
 *       {@code X-Forwarded-Host} and {@code X-Forwarded-Port} give the server: the last entry of each (what the
 *       nearest proxy wrote); an invalid value is ignored.</li>
 * </ul>
 * Schemes map to the connection type: http and ws become {@code ws} on a WebSocket and {@code http} otherwise, https and
 * wss become {@code wss} or {@code https} (Uvicorn would put {@code ws} into an HTTP scope). Scheme names are matched
 * ignoring case.
 */
public final class ProxyHeaders {
    private static final String FORWARDED = "forwarded";
    private static final String X_FORWARDED_FOR = "x-forwarded-for";
    private static final String X_FORWARDED_PROTO = "x-forwarded-proto";
    private static final String X_FORWARDED_HOST = "x-forwarded-host";
    private static final String X_FORWARDED_PORT = "x-forwarded-port";

    private ProxyHeaders() {
    }

    /**
     * The effective client, scheme and server of one request.
     *
     * @param client the client for the scope: the peer, or the address the proxy reported
     * @param scheme the scheme for the scope
     * @param host   the host the client asked the proxy for ({@code Forwarded: host=} or {@code X-Forwarded-Host}),
     *               without port and without IPv6 brackets; null when not forwarded
     * @param port   the port the client connected to at the proxy (from the forwarded host or
     *               {@code X-Forwarded-Port}); null when not forwarded
     */
    public record Resolved(@Nullable Address client, String scheme, @Nullable String host, @Nullable Integer port) {

        /**
         * The scope's {@code server} with the forwarded host and port applied.
         *
         * @param local the address the connection arrived on
         * @return {@code local} when nothing was forwarded; otherwise the forwarded host (or the local one) with the
         *         forwarded port, or the scheme's default port (80 or 443) when only a host was forwarded
         */
        public @Nullable Address server(@Nullable Address local) {
            if (host == null && (port == null || local == null || local.port() == null)) {
                return local;
            }
            if (host == null) {
                return new Address(local.host(), port);
            }
            return new Address(host, port != null ? port : defaultPort(scheme));
        }
    }

    /**
     * Resolves a request, checking the peer against the allow list.
     *
     * @param headers   the request's header fields
     * @param client    the immediate peer: an IP address and port, a unix socket path without port, or null
     * @param scheme    the scheme the connection itself has ({@code http}, {@code https}, {@code ws} or {@code wss})
     * @param webSocket whether this is a WebSocket scope
     * @param trusted   the proxies to believe
     * @return the effective values; {@code client} and {@code scheme} unchanged when the peer is not trusted
     */
    public static Resolved resolve(List<Header> headers, @Nullable Address client, String scheme, boolean webSocket,
                                   ForwardedAllowList trusted) {
        return resolve(headers, client, scheme, webSocket, trusted, trusted.trustsPeer(client));
    }

    /**
     * Resolves a request whose peer's trust is already known (a connection can compute it once).
     *
     * @param headers     the request's header fields
     * @param client      the immediate peer, or null
     * @param scheme      the scheme the connection itself has
     * @param webSocket   whether this is a WebSocket scope
     * @param trusted     the proxies to believe, for the hops listed in the headers
     * @param peerTrusted whether the immediate peer is trusted, as {@link ForwardedAllowList#trustsPeer} says
     * @return the effective values
     */
    public static Resolved resolve(List<Header> headers, @Nullable Address client, String scheme, boolean webSocket,
                                   ForwardedAllowList trusted, boolean peerTrusted) {
        if (!peerTrusted) {
            return new Resolved(client, scheme, null, null);
        }
        String forwarded = null;
        String forwardedFor = null;
        String proto = null;
        String forwardedHost = null;
        String forwardedPort = null;
        for (Header header : headers) {
            String name = header.name();
            if (name.length() < FORWARDED.length() || Character.toLowerCase(name.charAt(0)) != 'x'
                    && Character.toLowerCase(name.charAt(0)) != 'f') {
                continue; // the common case, decided without comparing whole names
            }
            if (name.equalsIgnoreCase(FORWARDED)) {
                forwarded = join(forwarded, header.value());
            } else if (name.equalsIgnoreCase(X_FORWARDED_FOR)) {
                forwardedFor = join(forwardedFor, header.value());
            } else if (name.equalsIgnoreCase(X_FORWARDED_PROTO)) {
                proto = header.value();
            } else if (name.equalsIgnoreCase(X_FORWARDED_HOST)) {
                forwardedHost = header.value();
            } else if (name.equalsIgnoreCase(X_FORWARDED_PORT)) {
                forwardedPort = header.value();
            }
        }
        if (forwarded != null) {
            List<ForwardedHeader.Element> elements = ForwardedHeader.parse(forwarded);
            if (elements != null && !elements.isEmpty()) {
                return fromForwarded(elements, client, scheme, webSocket, trusted);
            }
        }
        return fromXForwarded(forwardedFor, proto, forwardedHost, forwardedPort, client, scheme, webSocket, trusted);
    }

    private static Resolved fromForwarded(List<ForwardedHeader.Element> elements, @Nullable Address client,
                                          String scheme, boolean webSocket, ForwardedAllowList trusted) {
        int chosen = 0;
        Address node = null;
        if (trusted.trustsAll()) {
            node = node(elements.get(0).forNode());
        } else {
            for (int i = elements.size() - 1; i >= 0; i--) {
                Address hop = node(elements.get(i).forNode());
                if (hop == null || !trusted.trusts(hop.host())) {
                    chosen = i;
                    node = hop;
                    break;
                }
                if (i == 0) {
                    node = hop; // every hop trusted: the client was a trusted proxy itself
                }
            }
        }
        ForwardedHeader.Element element = elements.get(chosen);
        String elementProto = element.proto();
        String mapped = elementProto == null ? null : mapScheme(elementProto, webSocket);
        Resolved resolved = new Resolved(node != null ? node : client, mapped != null ? mapped : scheme, null, null);
        String host = element.host();
        return host == null ? resolved : withHost(resolved, host, null);
    }

    private static Resolved fromXForwarded(@Nullable String forwardedFor, @Nullable String proto,
                                           @Nullable String forwardedHost, @Nullable String forwardedPort,
                                           @Nullable Address client, String scheme, boolean webSocket,
                                           ForwardedAllowList trusted) {
        String effectiveScheme = scheme;
        if (proto != null) {
            String mapped = mapScheme(proto, webSocket);
            if (mapped != null) {
                effectiveScheme = mapped;
            }
        }
        Address effectiveClient = client;
        if (forwardedFor != null) {
            String entry = clientEntry(forwardedFor, trusted);
            if (!entry.isEmpty()) {
                effectiveClient = hostAndPort(entry);
            }
        }
        Resolved resolved = new Resolved(effectiveClient, effectiveScheme, null, null);
        if (forwardedHost == null && forwardedPort == null) {
            return resolved;
        }
        Integer port = forwardedPort == null ? null : port(lastEntry(forwardedPort));
        return forwardedHost == null
                ? new Resolved(effectiveClient, effectiveScheme, null, port)
                : withHost(resolved, lastEntry(forwardedHost), port);
    }

    /**
     * Uvicorn's walk: the first entry from the right whose host (port removed) is not trusted, else the leftmost;
     * blank entries are untrusted.
     */
    private static String clientEntry(String forwardedFor, ForwardedAllowList trusted) {
        // Walked left to right, the last untrusted entry is the first from the right. Unlike an RFC 9110 list, an
        // empty entry counts (Uvicorn's rule): it is untrusted, and leaves the client unchanged.
        String first = forwardedFor.substring(0, HttpSyntax.elementEnd(forwardedFor, 0)).strip();
        if (trusted.trustsAll()) {
            return first;
        }
        String untrusted = null;
        int len = forwardedFor.length();
        for (int i = 0; i <= len; ) {
            int end = HttpSyntax.elementEnd(forwardedFor, i);
            String entry = forwardedFor.substring(i, end).strip();
            if (!trusted.trusts(hostAndPort(entry).host())) {
                untrusted = entry;
            }
            i = end + 1;
        }
        return untrusted != null ? untrusted : first;
    }

    /**
     * An {@code X-Forwarded-For} entry as Uvicorn reads it: {@code [v6]:port} or {@code [v6]}, {@code v4:port}, or the
     * entry itself with port 0 (a bare IPv6 address, or something malformed kept as text).
     */
    static Address hostAndPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close > 0 && (close == entry.length() - 1 || entry.charAt(close + 1) == ':')) {
                Integer port = close == entry.length() - 1 ? null : port(entry.substring(close + 2));
                return new Address(entry.substring(1, close), port == null ? 0 : port);
            }
            return new Address(entry, 0);
        }
        int colon = entry.indexOf(':');
        if (colon >= 0 && colon == entry.lastIndexOf(':')) {
            Integer port = port(entry.substring(colon + 1));
            if (port != null) {
                return new Address(entry.substring(0, colon), port);
            }
        }
        return new Address(entry, 0);
    }

    /**
     * A {@code Forwarded} node: an IP address with an optional port (an obfuscated port counts as 0).
     *
     * @return the address, or null for {@code unknown}, an obfuscated name or anything else that is not an IP
     */
    private static @Nullable Address node(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String host;
        String portText = null;
        if (value.charAt(0) == '[') {
            int close = value.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = value.substring(1, close);
            IpLiteral address = IpLiteral.parse(host);
            if (address == null || !address.v6()) {
                return null;
            }
            if (close + 1 < value.length()) {
                if (value.charAt(close + 1) != ':') {
                    return null;
                }
                portText = value.substring(close + 2);
            }
        } else {
            int colon = value.indexOf(':');
            boolean single = colon >= 0 && colon == value.lastIndexOf(':');
            host = single ? value.substring(0, colon) : value;
            portText = single ? value.substring(colon + 1) : null;
            if (IpLiteral.parse(host) == null) {
                return null; // "unknown", "_obfuscated", or garbage
            }
        }
        if (portText == null) {
            return new Address(host, 0);
        }
        if (portText.startsWith("_") && portText.length() > 1) {
            return new Address(host, 0);
        }
        Integer port = port(portText);
        return port == null ? null : new Address(host, port);
    }

    /** Applies a forwarded {@code host[:port]}; an invalid one leaves the server as it was. */
    private static Resolved withHost(Resolved resolved, String hostAndPort, @Nullable Integer overridePort) {
        String value = hostAndPort.strip();
        String host;
        Integer port = null;
        int portStart;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return portOnly(resolved, overridePort);
            }
            host = value.substring(1, close);
            IpLiteral address = IpLiteral.parse(host);
            if (address == null || !address.v6()) {
                return portOnly(resolved, overridePort);
            }
            portStart = close + 1;
        } else {
            int colon = value.indexOf(':');
            portStart = colon < 0 ? value.length() : colon;
            host = value.substring(0, portStart);
            if (!isRegNameOrIpv4(host)) {
                return portOnly(resolved, overridePort);
            }
        }
        if (portStart < value.length()) {
            if (value.charAt(portStart) != ':') {
                return portOnly(resolved, overridePort);
            }
            port = port(value.substring(portStart + 1));
            if (port == null) {
                return portOnly(resolved, overridePort);
            }
        }
        return new Resolved(resolved.client(), resolved.scheme(), host, overridePort != null ? overridePort : port);
    }

    private static Resolved portOnly(Resolved resolved, @Nullable Integer port) {
        return port == null ? resolved : new Resolved(resolved.client(), resolved.scheme(), null, port);
    }

    /** RFC 3986 reg-name (which includes IPv4 addresses): unreserved, sub-delims and percent-encoded octets. */
    private static boolean isRegNameOrIpv4(String host) {
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=".indexOf(c) >= 0;
            if (c == '%') {
                ok = i + 2 < host.length() && isHex(host.charAt(i + 1)) && isHex(host.charAt(i + 2));
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return HttpSyntax.hexValue(c) >= 0;
    }

    /** A port of 1 to 5 digits up to 65535, or null. */
    private static @Nullable Integer port(String text) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 5) {
            return null;
        }
        int port = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535 ? port : null;
    }

    private static @Nullable String mapScheme(String proto, boolean webSocket) {
        String value = proto.strip();
        if (value.equalsIgnoreCase("http") || value.equalsIgnoreCase("ws")) {
            return webSocket ? "ws" : "http";
        }
        if (value.equalsIgnoreCase("https") || value.equalsIgnoreCase("wss")) {
            return webSocket ? "wss" : "https";
        }
        return null;
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
    }

    /** The text after the last comma, stripped: what the proxy nearest to us wrote. */
    private static String lastEntry(String value) {
        return value.substring(value.lastIndexOf(',') + 1).strip();
    }

    private static String join(@Nullable String joined, String value) {
        return joined == null ? value : joined + ", " + value;
    }
}
