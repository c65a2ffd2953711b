package io.jvicorn.http11.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Uvicorn's tests/middleware/test_proxy_headers.py, case by case, then RFC 7239 {@code Forwarded},
 * {@code X-Forwarded-Host} and {@code X-Forwarded-Port}, which Uvicorn lacks. The peer is 127.0.0.1:123 as in
 * Uvicorn's {@code make_httpx_client}; results print as Uvicorn's test app does: {@code scheme://host:port}.
 */
class ProxyHeadersTest {
    private static final Address PEER = new Address("127.0.0.1", 123);

    private static List<Header> headers(String... namesAndValues) {
        List<Header> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(Header.of(namesAndValues[i], namesAndValues[i + 1]));
        }
        return list;
    }

    private static ProxyHeaders.Resolved resolve(String trusted, boolean webSocket, List<Header> headers) {
        return ProxyHeaders.resolve(headers, PEER, webSocket ? "ws" : "http", webSocket,
                ForwardedAllowList.parse(trusted));
    }

    private static String http(String trusted, String... namesAndValues) {
        return describe(resolve(trusted, false, headers(namesAndValues)));
    }

    /** Uvicorn's {@code default_app}: IPv6 clients in brackets. */
    private static String describe(ProxyHeaders.Resolved resolved) {
        Address client = resolved.client();
        if (client == null) {
            return resolved.scheme() + "://NONE";
        }
        String host = client.host();
        if (IpLiteral.parse(host) != null && host.contains(":")) {
            host = "[" + host + "]";
        }
        return resolved.scheme() + "://" + host + ":" + client.port();
    }

    // ------------------------------------------------------------------ Uvicorn's cases

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "*|https://1.2.3.4:0",
            "127.0.0.1|https://1.2.3.4:0",
            "127.0.0.1, 10.0.0.1|https://1.2.3.4:0",
            "127.0.0.0/24, 10.0.0.1|https://1.2.3.4:0",
            "192.168.0.1|http://127.0.0.1:123",
            "192.168.0.0/16|http://127.0.0.1:123",
            "127.0.0.1, 1.2.3.4|https://1.2.3.4:0",
    })
    void trustedHosts(String trusted, String expected) {
        assertEquals(expected, http(trusted, "X-Forwarded-For", "1.2.3.4", "X-Forwarded-Proto", "https"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "''|''|http://127.0.0.1:123",
            "''|NULL|http://127.0.0.1:123",
            "''|asdf|http://127.0.0.1:123",
            "' , '|https|https://127.0.0.1:123",
            "', , '|https|https://127.0.0.1:123",
            "' , 10.0.0.1'|https|https://127.0.0.1:123",
            "'9.9.9.9 , , , 10.0.0.1'|https|https://127.0.0.1:123",
            "', , 9.9.9.9'|https|https://9.9.9.9:0",
            "', , 9.9.9.9, , '|https|https://127.0.0.1:123",
    })
    void trustedHostsMalformed(String forwardedFor, @Nullable String proto, String expected) {
        List<Header> headers = headers("X-Forwarded-For", forwardedFor);
        if (proto != null) {
            headers.add(Header.of("X-Forwarded-Proto", proto));
        }
        assertEquals(expected, describe(resolve("127.0.0.1, 10.0.0.0/8", false, headers)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "*|https://1.2.3.4:0",
            "127.0.0.1, 10.0.2.1, 192.168.0.2|https://1.2.3.4:0",
            "10.0.2.1, 192.168.0.2, 127.0.0.1|https://1.2.3.4:0",
            "192.168.0.2, 127.0.0.1|https://10.0.2.1:0",
            "127.0.0.1, 10.0.0.0/8, 192.168.0.2|https://1.2.3.4:0",
    })
    void multipleProxies(String trusted, String expected) {
        assertEquals(expected, http(trusted, "X-Forwarded-For", "1.2.3.4, 10.0.2.1, 192.168.0.2",
                "X-Forwarded-Proto", "https"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "*|https://1.2.3.4:1234",
            "127.0.0.1, 2001:db8::1, 192.168.0.2|https://1.2.3.4:1234",
            "192.168.0.2, 127.0.0.1|https://[2001:db8::1]:8080",
            "127.0.0.1, 2001:db8::/32, 192.168.0.2|https://1.2.3.4:1234",
    })
    void multipleProxiesWithPorts(String trusted, String expected) {
        assertEquals(expected, http(trusted, "X-Forwarded-For", "1.2.3.4:1234, [2001:db8::1]:8080, 192.168.0.2:9000",
                "X-Forwarded-Proto", "https"));
    }

    @Test
    void invalidXForwardedFor() {
        assertEquals("https://1.2.3.4:0", http("*", "X-Forwarded-For", "1.2.3.4, \u00f0\u00fd\u00fd\u00fd, unix:, ::1",
                "X-Forwarded-Proto", "https"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.2.3.4|https://1.2.3.4:0",
            "1.2.3.4:1234|https://1.2.3.4:1234",
            "[2001:db8::1]:443|https://[2001:db8::1]:443",
            "[2001:db8::1]|https://[2001:db8::1]:0",
            "2001:db8::1|https://[2001:db8::1]:0",
            "1.2.3.4:notaport|https://1.2.3.4:notaport:0",
            "[2001:db8::1]:notaport|https://[2001:db8::1]:0",
            "[2001:db8::1]extra|https://[2001:db8::1]extra:0",
            "[2001:db8::1|https://[2001:db8::1:0",
    })
    void xForwardedForPortShapes(String forwardedFor, String expected) {
        assertEquals(expected, http("*", "X-Forwarded-For", forwardedFor, "X-Forwarded-Proto", "https"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http|ws://1.2.3.4:0",
            "https|wss://1.2.3.4:0",
            "ws|ws://1.2.3.4:0",
            "wss|wss://1.2.3.4:0",
    })
    void webSocketXForwardedProto(String proto, String expected) {
        assertEquals(expected, describe(resolve("*", true,
                headers("X-Forwarded-For", "1.2.3.4", "X-Forwarded-Proto", proto))));
    }

    @Test
    void emptyXForwardedFor() {
        assertEquals("https://127.0.0.1:123", http("*", "X-Forwarded-For", "", "X-Forwarded-Proto", "https"));
    }

    @Test
    void duplicateXForwardedForIsCombined() {
        ProxyHeaders.Resolved resolved = ProxyHeaders.resolve(
                headers("x-forwarded-for", "203.0.113.66, 198.51.100.23", "x-forwarded-for", "127.0.0.1"),
                new Address("127.0.0.1", 12345), "http", false, ForwardedAllowList.parse("127.0.0.1"));
        assertEquals(new Address("198.51.100.23", 0), resolved.client());
    }

    @ParameterizedTest
    @CsvSource({"https, http, http", "http, https, https"})
    void duplicateXForwardedProtoUsesTheLast(String first, String second, String expected) {
        assertEquals(expected, resolve("127.0.0.1", false,
                headers("x-forwarded-proto", first, "x-forwarded-proto", second)).scheme());
    }

    @Test
    void haproxyBehindAlb() {
        ProxyHeaders.Resolved resolved = resolve("127.0.0.1, 10.0.0.1", false, headers(
                "x-forwarded-for", "1.2.3.4", "x-forwarded-for", "10.0.0.1",
                "x-forwarded-proto", "https", "x-forwarded-proto", "https"));
        assertEquals(new Address("1.2.3.4", 0), resolved.client());
        assertEquals("https", resolved.scheme());
    }

    // ------------------------------------------------------------------ trust and schemes

    @Test
    void anUntrustedPeerChangesNothing() {
        List<Header> headers = headers("X-Forwarded-For", "1.2.3.4", "X-Forwarded-Proto", "https",
                "Forwarded", "for=5.6.7.8;proto=https;host=example.com", "X-Forwarded-Host", "example.com");
        ProxyHeaders.Resolved resolved = resolve("10.0.0.1", false, headers);
        assertSame(PEER, resolved.client());
        assertEquals("http", resolved.scheme());
        assertNull(resolved.host());
        assertNull(resolved.port());
        assertSame(PEER, resolved.server(PEER));
    }

    @Test
    void theCallerMayDecideTrustOnce() {
        List<Header> headers = headers("X-Forwarded-For", "1.2.3.4");
        ForwardedAllowList list = ForwardedAllowList.parse("10.0.0.1");
        assertEquals(new Address("1.2.3.4", 0),
                ProxyHeaders.resolve(headers, PEER, "http", false, list, true).client());
        assertSame(PEER, ProxyHeaders.resolve(headers, PEER, "http", false, list, false).client());
    }

    @Test
    void unixSocketPeersAreTrustedThroughUnixLiteral() {
        Address peer = new Address("", null);
        List<Header> headers = headers("X-Forwarded-For", "1.2.3.4", "X-Forwarded-Proto", "https");
        ProxyHeaders.Resolved trusted = ProxyHeaders.resolve(headers, peer, "http", false,
                ForwardedAllowList.parse("unix:"));
        assertEquals("https://1.2.3.4:0", describe(trusted));
        ProxyHeaders.Resolved untrusted = ProxyHeaders.resolve(headers, peer, "http", false,
                ForwardedAllowList.parse("127.0.0.1"));
        assertSame(peer, untrusted.client());
        ProxyHeaders.Resolved unknownPeer = ProxyHeaders.resolve(headers, null, "http", false,
                ForwardedAllowList.parse("*"));
        assertEquals("https://1.2.3.4:0", describe(unknownPeer));
    }

    @ParameterizedTest
    @CsvSource({
            "wss, false, https", "ws, false, http", "HTTPS, false, https", "' https ', false, https",
            "HTTP, true, ws", "ftp, false, http", "'https, http', false, http",
    })
    void schemesMapToTheConnectionType(String proto, boolean webSocket, String expected) {
        assertEquals(expected, resolve("*", webSocket, headers("X-Forwarded-Proto", proto)).scheme());
    }

    @Test
    void headerNamesMatchInAnyCase() {
        assertEquals("https://1.2.3.4:0", http("*", "X-FORWARDED-FOR", "1.2.3.4", "x-Forwarded-PROTO", "https"));
    }

    // ------------------------------------------------------------------ RFC 7239 Forwarded

    @Test
    void forwardedGivesClientSchemeAndHost() {
        ProxyHeaders.Resolved resolved = resolve("127.0.0.1", false,
                headers("Forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43;host=example.com"));
        assertEquals(new Address("192.0.2.60", 0), resolved.client());
        assertEquals("https", resolved.scheme());
        assertEquals("example.com", resolved.host());
        assertNull(resolved.port());
        assertEquals(new Address("example.com", 443), resolved.server(new Address("127.0.0.1", 8000)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "for=\"[2001:db8:cafe::17]:4711\"|https://[2001:db8:cafe::17]:4711",
            "for=\"[2001:db8:cafe::17]\"|https://[2001:db8:cafe::17]:0",
            "for=\"192.0.2.43:47011\"|https://192.0.2.43:47011",
            "for=192.0.2.43:47011|https://192.0.2.43:47011",
            "for=\"192.0.2.43:_hidden\"|https://192.0.2.43:0",
            "For=192.0.2.43;PROTO=https|https://192.0.2.43:0",
            "for = 192.0.2.43 ; proto = https|https://192.0.2.43:0",
            "for=\"2001:db8::1\"|https://[2001:db8::1]:0",
            "for=\"\\1\\9\\2.0.2.43\"|https://192.0.2.43:0",
    })
    void forwardedNodes(String forwarded, String expected) {
        String value = forwarded.toLowerCase(Locale.ROOT).contains("proto") ? forwarded
                : forwarded + ";proto=https";
        assertEquals(expected, http("*", "Forwarded", value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "for=unknown;proto=https",
            "for=_hidden;proto=https",
            "for=\"_gazonk\";proto=https",
            "for=\"[2001:db8:cafe::17\";proto=https",
            "for=\"[1.2.3.4]\";proto=https",
            "for=\"1.2.3.4:99999\";proto=https",
            "for=example.com;proto=https",
            "proto=https",
    })
    void forwardedNodesThatAreNotAddressesKeepThePeer(String forwarded) {
        assertEquals("https://127.0.0.1:123", http("*", "Forwarded", forwarded));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // nearest proxy first from the right: 10.0.0.2 (trusted) reported 10.0.0.1 (trusted) reported the client
            "127.0.0.1, 10.0.0.0/8|https://203.0.113.7:0|client.example",
            // 10.0.0.1 is not trusted: what it wrote cannot be believed, so it is the client
            "127.0.0.1, 10.0.0.2|http://10.0.0.1:0|edge.internal",
            // every hop trusted: the leftmost element
            "127.0.0.1, 10.0.0.0/8, 203.0.113.7|https://203.0.113.7:0|client.example",
            "*|https://203.0.113.7:0|client.example",
    })
    void forwardedChainsAreWalkedFromTheRight(String trusted, String expected, String host) {
        ProxyHeaders.Resolved resolved = resolve(trusted, false, headers(
                "Forwarded", "for=203.0.113.7;proto=https;host=client.example",
                "Forwarded", "for=10.0.0.1;proto=http;host=edge.internal, for=10.0.0.2"));
        assertEquals(expected, describe(resolved));
        assertEquals(host, resolved.host());
    }

    @Test
    void anUnknownHopStopsTheWalkButItsProtoAndHostApply() {
        ProxyHeaders.Resolved resolved = resolve("127.0.0.1", false, headers(
                "Forwarded", "for=1.1.1.1;proto=http;host=spoofed.example, for=unknown;proto=https;host=real.example"));
        assertSame(PEER, resolved.client());
        assertEquals("https", resolved.scheme());
        assertEquals("real.example", resolved.host());
    }

    @Test
    void forwardedBeatsXForwarded() {
        ProxyHeaders.Resolved resolved = resolve("127.0.0.1", false, headers(
                "X-Forwarded-For", "1.1.1.1", "X-Forwarded-Proto", "http", "X-Forwarded-Host", "x.example",
                "X-Forwarded-Port", "8080", "Forwarded", "for=2.2.2.2;proto=https"));
        assertEquals("https://2.2.2.2:0", describe(resolved));
        assertNull(resolved.host());
        assertNull(resolved.port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "for=\"1.2.3.4",
            "for",
            "for=",
            "=1.2.3.4",
            "for=1.2.3.4;for=5.6.7.8",
            "for=1.2.3.4 proto=https",
            "for=\"1.2.3.4\\",
            "for=<1.2.3.4>",
            "' , ;, '",
    })
    void aMalformedForwardedIsIgnoredInFavourOfXForwarded(String forwarded) {
        assertEquals("https://9.9.9.9:0", http("127.0.0.1", "Forwarded", forwarded,
                "X-Forwarded-For", "9.9.9.9", "X-Forwarded-Proto", "https"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "for=1.2.3.4;proto=https|wss",
            "for=1.2.3.4;proto=wss|wss",
            "for=1.2.3.4;proto=http|ws",
            "for=1.2.3.4;proto=gopher|ws",
    })
    void forwardedProtoOnAWebSocket(String forwarded, String scheme) {
        assertEquals(scheme, resolve("*", true, headers("Forwarded", forwarded)).scheme());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "host=example.com|example.com|NULL",
            "host=\"example.com:8443\"|example.com|8443",
            "host=example.com:8443|example.com|8443",
            "host=\"[2001:db8::1]:8443\"|2001:db8::1|8443",
            "host=\"[2001:db8::1]\"|2001:db8::1|NULL",
            "host=\"exa mple.com\"|NULL|NULL",
            "host=\"example.com:http\"|NULL|NULL",
            "host=\"[not-v6]:80\"|NULL|NULL",
            "host=\"example.com@evil\"|NULL|NULL",
            "host=\"\"|NULL|NULL",
    })
    void forwardedHost(String forwarded, @Nullable String host, @Nullable Integer port) {
        ProxyHeaders.Resolved resolved = resolve("*", false, headers("Forwarded", "for=1.2.3.4;" + forwarded));
        assertEquals(host, resolved.host());
        assertEquals(port, resolved.port());
    }

    // ------------------------------------------------------------------ X-Forwarded-Host and -Port

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "example.com|NULL|example.com|NULL|http://example.com:80",
            "example.com:8443|NULL|example.com|8443|http://example.com:8443",
            "[2001:db8::1]:8443|NULL|2001:db8::1|8443|http://2001:db8::1:8443",
            "example.com:8443|9443|example.com|9443|http://example.com:9443",
            "' a.example , b.example '|NULL|b.example|NULL|http://b.example:80",
            "bad host|NULL|NULL|NULL|http://127.0.0.1:8000",
            "bad host|9000|NULL|9000|http://127.0.0.1:9000",
            "NULL|9000|NULL|9000|http://127.0.0.1:9000",
            "NULL|'80, 443'|NULL|443|http://127.0.0.1:443",
            "NULL|99999|NULL|NULL|http://127.0.0.1:8000",
            "example.com|https|example.com|NULL|http://example.com:80",
    })
    void xForwardedHostAndPort(@Nullable String host, @Nullable String port, @Nullable String expectedHost,
                               @Nullable Integer expectedPort, String server) {
        List<Header> headers = new ArrayList<>();
        if (host != null) {
            headers.add(Header.of("X-Forwarded-Host", host));
        }
        if (port != null) {
            headers.add(Header.of("X-Forwarded-Port", port));
        }
        ProxyHeaders.Resolved resolved = resolve("127.0.0.1", false, headers);
        assertEquals(expectedHost, resolved.host());
        assertEquals(expectedPort, resolved.port());
        Address local = resolved.server(new Address("127.0.0.1", 8000));
        assertEquals(server, "http://" + local.host() + ":" + local.port());
    }

    @Test
    void theLastXForwardedHostLineWins() {
        assertEquals("second.example", resolve("127.0.0.1", false, headers(
                "X-Forwarded-Host", "first.example", "X-Forwarded-Host", "second.example")).host());
    }

    @Test
    void serverKeepsAUnixSocketUnlessAHostIsForwarded() {
        Address socket = new Address("/run/app.sock", null);
        ProxyHeaders.Resolved portOnly = new ProxyHeaders.Resolved(PEER, "https", null, 8443);
        assertSame(socket, portOnly.server(socket));
        assertNull(portOnly.server(null));
        ProxyHeaders.Resolved withHost = new ProxyHeaders.Resolved(PEER, "wss", "example.com", null);
        assertEquals(new Address("example.com", 443), withHost.server(socket));
        assertEquals(new Address("example.com", 443), withHost.server(null));
    }
}
