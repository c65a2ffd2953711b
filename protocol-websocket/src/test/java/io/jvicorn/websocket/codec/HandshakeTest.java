package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The opening handshake: validation (RFC 6455 §4.2.1), the accept value, and the 101 and error responses. */
class HandshakeTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static List<Header> valid() {
        return List.of(Header.of("host", "server.example.com"), Header.of("upgrade", "websocket"),
                Header.of("connection", "Upgrade"), Header.of("sec-websocket-key", KEY),
                Header.of("sec-websocket-version", "13"));
    }

    private static List<Header> without(String name) {
        return valid().stream().filter(h -> !h.is(name)).toList();
    }

    private static List<Header> with(List<Header> base, Header... more) {
        List<Header> headers = new ArrayList<>(base);
        headers.addAll(List.of(more));
        return headers;
    }

    private static HandshakeOutcome validate(List<Header> headers) {
        return WebSocketHandshake.validate("GET", "1.1", headers, WebSocketConfig.defaults());
    }

    @Test
    void acceptValueMatchesRfc6455Example() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.acceptValue(KEY));
    }

    @Test
    void acceptsValidRequest() {
        HandshakeAccepted accepted = assertInstanceOf(HandshakeAccepted.class, validate(valid()));
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", accepted.acceptValue());
        assertEquals(List.of(), accepted.subprotocols());
        assertNull(accepted.deflate());
    }

    @Test
    void collectsSubprotocolsFromListsAndRepeatedHeaders() {
        HandshakeAccepted accepted = assertInstanceOf(HandshakeAccepted.class, validate(with(valid(),
                Header.of("sec-websocket-protocol", "chat, superchat"),
                Header.of("sec-websocket-protocol", " ,v2.json "))));
        assertEquals(List.of("chat", "superchat", "v2.json"), accepted.subprotocols());
    }

    @Test
    void acceptsTokenListsAndMixedCase() {
        List<Header> headers = List.of(Header.of("upgrade", "WebSocket"),
                Header.of("connection", "keep-alive, UPGRADE"), Header.of("sec-websocket-key", KEY),
                Header.of("sec-websocket-version", "13"));
        assertInstanceOf(HandshakeAccepted.class, validate(headers));
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                reject("POST", "1.1", valid(), 400, "WebSocket handshake requires GET, not POST"),
                reject("GET", "1.0", valid(), 400, "WebSocket handshake requires HTTP/1.1"),
                reject("GET", "2", valid(), 400, "WebSocket handshake requires HTTP/1.1"),
                reject("GET", "1.1", without("connection"), 400, "Missing Connection: Upgrade header"),
                reject("GET", "1.1", with(without("connection"), Header.of("connection", "keep-alive")), 400,
                        "Missing Connection: Upgrade header"),
                reject("GET", "1.1", with(without("connection"), Header.of("connection", "upgrades")), 400,
                        "Missing Connection: Upgrade header"),
                reject("GET", "1.1", without("upgrade"), 400, "Missing Upgrade: websocket header"),
                reject("GET", "1.1", with(without("upgrade"), Header.of("upgrade", "h2c")), 400,
                        "Missing Upgrade: websocket header"),
                reject("GET", "1.1", without("sec-websocket-key"), 400, "Missing Sec-WebSocket-Key header"),
                reject("GET", "1.1", with(valid(), Header.of("sec-websocket-key", KEY)), 400,
                        "Multiple Sec-WebSocket-Key headers"),
                reject("GET", "1.1", keyed("dGhlIHNhbXBsZSBub25jZQ"), 400, "Invalid Sec-WebSocket-Key header"),
                reject("GET", "1.1", keyed("dGhlIHNhbXBsZSBub25jZQ==="), 400, "Invalid Sec-WebSocket-Key header"),
                reject("GET", "1.1", keyed("dGhlIHNhbXBsZSBub25j!Q=="), 400, "Invalid Sec-WebSocket-Key header"),
                reject("GET", "1.1", keyed("dGhlIHNhbXBsZSBub25jZWU="), 400, "Invalid Sec-WebSocket-Key header"),
                reject("GET", "1.1", keyed("AAAAAAAAAAAAAAAAAAAAAAAA"), 400, "Invalid Sec-WebSocket-Key header"),
                reject("GET", "1.1", without("sec-websocket-version"), 426, "Missing Sec-WebSocket-Version header"),
                reject("GET", "1.1", versioned("8"), 426, "Unsupported Sec-WebSocket-Version header"),
                reject("GET", "1.1", versioned("13, 8"), 426, "Unsupported Sec-WebSocket-Version header"),
                reject("GET", "1.1", with(valid(), Header.of("sec-websocket-version", "13")), 426,
                        "Unsupported Sec-WebSocket-Version header"),
                reject("GET", "1.1", with(valid(), Header.of("sec-websocket-protocol", "chat, bad/proto")), 400,
                        "Invalid Sec-WebSocket-Protocol header"),
                reject("GET", "1.1", with(valid(), Header.of("sec-websocket-extensions", "permessage-deflate;")),
                        400, "Invalid Sec-WebSocket-Extensions header"),
                // Uvicorn's test_invalid_upgrade: an old version and no key is reported as the missing key.
                reject("GET", "1.1", List.of(Header.of("upgrade", "websocket"), Header.of("connection", "upgrade"),
                        Header.of("sec-websocket-version", "11")), 400, "Missing Sec-WebSocket-Key header"));
    }

    private static List<Header> keyed(String key) {
        return with(without("sec-websocket-key"), Header.of("sec-websocket-key", key));
    }

    private static List<Header> versioned(String version) {
        return with(without("sec-websocket-version"), Header.of("sec-websocket-version", version));
    }

    private static Arguments reject(String method, String version, List<Header> headers, int status, String reason) {
        return Arguments.of(reason + " (" + method + " HTTP/" + version + ")", method, version, headers, status,
                reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsDefectiveRequests(String name, String method, String version, List<Header> headers, int status,
            String reason) {
        HandshakeRejected rejected = assertInstanceOf(HandshakeRejected.class,
                WebSocketHandshake.validate(method, version, headers, WebSocketConfig.defaults()));
        assertEquals(status, rejected.status());
        assertEquals(reason, rejected.reason());
        assertEquals(status == 426 ? List.of(Header.of("Sec-WebSocket-Version", "13")) : List.of(),
                rejected.headers());
    }

    @Test
    void encodesSwitchingProtocolsResponse() {
        HandshakeAccepted accepted = assertInstanceOf(HandshakeAccepted.class, validate(with(valid(),
                Header.of("sec-websocket-protocol", "chat, superchat"),
                Header.of("sec-websocket-extensions", "permessage-deflate; client_max_window_bits"))));
        byte[] response = accepted.encodeResponse("superchat", List.of(Header.of("X-Trace", "abc")),
                "date: Tue, 01 Jan 2030 00:00:00 GMT\r\nserver: jvicorn\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + "Sec-WebSocket-Protocol: superchat\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate\r\n"
                + "date: Tue, 01 Jan 2030 00:00:00 GMT\r\n"
                + "server: jvicorn\r\n"
                + "X-Trace: abc\r\n"
                + "\r\n", new String(response, StandardCharsets.ISO_8859_1));
    }

    @Test
    void encodesMinimalSwitchingProtocolsResponse() {
        byte[] response = SwitchingProtocolsResponse.encode("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", null, List.of(), null,
                List.of(), new byte[0]);
        assertEquals("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
                new String(response, StandardCharsets.ISO_8859_1));
    }

    static Stream<Arguments> badResponseArguments() {
        return Stream.<UnaryOperator<List<Header>>>of(
                        h -> with(h, Header.of("Sec-WebSocket-Protocol", "chat")),
                        h -> with(h, Header.of("connection", "close")),
                        h -> with(h, Header.of("Upgrade", "h2c")),
                        h -> with(h, Header.of("sec-websocket-accept", "x")),
                        h -> with(h, Header.of("sec-websocket-extensions", "x")))
                .map(f -> Arguments.of(f.apply(List.of())));
    }

    @ParameterizedTest
    @MethodSource("badResponseArguments")
    void refusesHeadersThatBelongToTheHandshake(List<Header> extra) {
        assertThrows(IllegalArgumentException.class,
                () -> SwitchingProtocolsResponse.encode("a", null, List.of(), null, extra, new byte[0]));
    }

    @Test
    void refusesSubprotocolTheClientDidNotOffer() {
        assertThrows(IllegalArgumentException.class,
                () -> SwitchingProtocolsResponse.encode("a", "graphql-ws", List.of("chat"), null, List.of(),
                        new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> SwitchingProtocolsResponse.encode("a", "Chat", List.of("chat"), null, List.of(), new byte[0]));
    }

    @Test
    void encodesRejectionResponse() {
        HandshakeRejected rejected = assertInstanceOf(HandshakeRejected.class,
                validate(without("sec-websocket-version")));
        byte[] response = rejected.encodeResponse("server: jvicorn\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("HTTP/1.1 426 Upgrade Required\r\n"
                + "server: jvicorn\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "content-type: text/plain; charset=utf-8\r\n"
                + "content-length: 36\r\n"
                + "connection: close\r\n"
                + "\r\n"
                + "Missing Sec-WebSocket-Version header", new String(response, StandardCharsets.ISO_8859_1));
        HandshakeRejected bad = assertInstanceOf(HandshakeRejected.class, validate(without("sec-websocket-key")));
        assertEquals("HTTP/1.1 400 Bad Request\r\n", new String(bad.encodeResponse(new byte[0]),
                StandardCharsets.ISO_8859_1).lines().findFirst().orElseThrow() + "\r\n");
    }
}
