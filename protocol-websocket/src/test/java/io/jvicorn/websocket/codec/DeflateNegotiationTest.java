package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7692 §7.1 negotiation, with the client offers of Autobahn section 13 and the malformed ones. */
class DeflateNegotiationTest {

    private static final String PMD = "permessage-deflate";

    static Stream<Arguments> offers() {
        return Stream.of(
                Arguments.of(List.of(PMD), PMD),
                Arguments.of(List.of("permessage-deflate; client_max_window_bits"), PMD),
                Arguments.of(List.of("permessage-deflate; client_max_window_bits=10"), PMD),
                Arguments.of(List.of("permessage-deflate; client_max_window_bits=\"8\""), PMD),
                Arguments.of(List.of("permessage-deflate; server_no_context_takeover"),
                        "permessage-deflate; server_no_context_takeover"),
                Arguments.of(List.of("permessage-deflate; client_no_context_takeover"),
                        "permessage-deflate; client_no_context_takeover"),
                Arguments.of(List.of("permessage-deflate;client_no_context_takeover;server_no_context_takeover"),
                        "permessage-deflate; server_no_context_takeover; client_no_context_takeover"),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=15"),
                        "permessage-deflate; server_max_window_bits=15"),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=\"15\"; client_max_window_bits"),
                        "permessage-deflate; server_max_window_bits=15"),
                Arguments.of(List.of("PerMessage-Deflate; Server_No_Context_Takeover"),
                        "permessage-deflate; server_no_context_takeover"),
                // Windows below 15 are accepted and echoed; the server then compresses Huffman-only.
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=9"),
                        "permessage-deflate; server_max_window_bits=9"),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=8"),
                        "permessage-deflate; server_max_window_bits=8"),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=14; client_max_window_bits"),
                        "permessage-deflate; server_max_window_bits=14"),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=9; client_no_context_takeover,"
                        + " permessage-deflate; client_no_context_takeover"),
                        "permessage-deflate; client_no_context_takeover; server_max_window_bits=9"),
                // The first acceptable offer wins.
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=08, permessage-deflate"), PMD),
                // Invalid values and parameters decline the offer.
                Arguments.of(List.of("permessage-deflate; server_max_window_bits"), null),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=16"), null),
                Arguments.of(List.of("permessage-deflate; server_max_window_bits=015"), null),
                Arguments.of(List.of("permessage-deflate; client_max_window_bits=7"), null),
                Arguments.of(List.of("permessage-deflate; client_max_window_bits=16"), null),
                Arguments.of(List.of("permessage-deflate; client_max_window_bits=09"), null),
                Arguments.of(List.of("permessage-deflate; client_max_window_bits=\"1 0\""), null),
                Arguments.of(List.of("permessage-deflate; server_no_context_takeover=1"), null),
                Arguments.of(List.of("permessage-deflate; client_no_context_takeover=\"\""), null),
                Arguments.of(List.of("permessage-deflate; server_no_context_takeover; server_no_context_takeover"),
                        null),
                Arguments.of(List.of("permessage-deflate; client_max_window_bits; client_max_window_bits=10"), null),
                Arguments.of(List.of("permessage-deflate; unknown_parameter"), null),
                Arguments.of(List.of("permessage-deflate; unknown, permessage-deflate"), PMD),
                // Other extensions are skipped; several header lines are one list.
                Arguments.of(List.of("x-webkit-deflate-frame"), null),
                Arguments.of(List.of("x-webkit-deflate-frame, permessage-deflate"), PMD),
                Arguments.of(List.of("foo; a=1", "permessage-deflate; client_no_context_takeover"),
                        "permessage-deflate; client_no_context_takeover"),
                Arguments.of(List.of(" , permessage-deflate ,, "), PMD));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("offers")
    void negotiates(List<String> values, String expectedResponse) {
        List<Header> headers = new ArrayList<>(List.of(Header.of("upgrade", "websocket"),
                Header.of("connection", "upgrade"), Header.of("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="),
                Header.of("sec-websocket-version", "13")));
        for (String value : values) {
            headers.add(Header.of("sec-websocket-extensions", value));
        }
        HandshakeAccepted accepted = assertInstanceOf(HandshakeAccepted.class,
                WebSocketHandshake.validate("GET", "1.1", headers, WebSocketConfig.defaults()));
        DeflateAgreement deflate = accepted.deflate();
        assertEquals(expectedResponse, deflate == null ? null : deflate.responseHeaderValue());
    }

    @Test
    void disabledDeflateIgnoresOffers() {
        List<Header> headers = List.of(Header.of("upgrade", "websocket"), Header.of("connection", "upgrade"),
                Header.of("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="), Header.of("sec-websocket-version", "13"),
                Header.of("sec-websocket-extensions", "permessage-deflate"));
        HandshakeAccepted accepted = assertInstanceOf(HandshakeAccepted.class, WebSocketHandshake.validate("GET",
                "1.1", headers, WebSocketConfig.defaults().withPerMessageDeflate(false)));
        assertNull(accepted.deflate());
    }

    static Stream<String> malformed() {
        return Stream.of("permessage-deflate;", "permessage-deflate; =1", "permessage-deflate; a=",
                "permessage-deflate; a=\"unterminated", "permessage-deflate x", ";", "permessage-deflate; a b",
                "permessage-deflate; a=1 2", "per/message");
    }

    @ParameterizedTest(name = "\"{0}\" is a syntax error")
    @MethodSource("malformed")
    void syntaxErrorsAreRejected(String value) {
        assertThrows(IllegalArgumentException.class, () -> ExtensionHeaderParser.parse(List.of(value)));
    }

    @Test
    void parsesParametersAndQuotedValues() {
        List<ExtensionOffer> offers = ExtensionHeaderParser.parse(
                List.of("a; x=1; y=\"q\\\"v\" ; z, b", "c"));
        assertEquals(List.of(
                new ExtensionOffer("a", List.of(new ExtensionOffer.Parameter("x", "1"),
                        new ExtensionOffer.Parameter("y", "q\"v"), new ExtensionOffer.Parameter("z", null))),
                new ExtensionOffer("b", List.of()),
                new ExtensionOffer("c", List.of())), offers);
    }
}
