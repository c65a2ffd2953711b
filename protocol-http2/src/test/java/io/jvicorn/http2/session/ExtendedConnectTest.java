package io.jvicorn.http2.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvicorn.asgi.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8441's extended CONNECT: SETTINGS_ENABLE_CONNECT_PROTOCOL in the server's preface when enabled, {@code :protocol}
 * accepted only with it and only on CONNECT with {@code :scheme}, {@code :path} and {@code :authority}, and the stream
 * then carrying DATA both ways until END_STREAM.
 */
class ExtendedConnectTest {
    private static final SessionLimits ENABLED = SessionLimits.DEFAULTS.withConnectProtocol(true);
    private static final String[] WEBSOCKET = {":method", "CONNECT", ":protocol", "websocket", ":scheme", "https",
        ":path", "/chat", ":authority", "example.com", "sec-websocket-version", "13"};

    @Test
    void theServersSettingsAnnounceExtendedConnectOnlyWhenEnabled() {
        Http2Session on = new Http2Session(ENABLED, new SessionHarness(), true);
        on.start();
        // SETTINGS: MAX_CONCURRENT_STREAMS 100, MAX_HEADER_LIST_SIZE 65536, ENABLE_CONNECT_PROTOCOL 1; then the
        // connection WINDOW_UPDATE to 1 MiB.
        assertEquals("000012040000000000" + "000300000064" + "000600010000" + "000800000001"
                + "000004080000000000000f0001", hex(on.output()));
        Http2Session off = new Http2Session(SessionLimits.DEFAULTS, new SessionHarness(), true);
        off.start();
        assertEquals("00000c040000000000" + "000300000064" + "000600010000"
                + "000004080000000000000f0001", hex(off.output()));
    }

    @Test
    void aWebSocketRequestOpensAStreamThatCarriesDataBothWays() {
        SessionHarness h = new SessionHarness(ENABLED);
        h.client.headers(1, false, WEBSOCKET);
        assertEquals(List.of(), h.send());
        assertEquals(List.of("request 1 CONNECT https example.com /chat :protocol=websocket sec-websocket-version=13"),
                h.events());
        h.session.sendHeaders(1, 200, List.of(new Header("sec-websocket-protocol", "chat")), false);
        assertEquals(List.of("HEADERS 1 :status=200 sec-websocket-protocol=chat"), h.output());
        h.client.data(1, "\u0081\u0082ping", false);
        h.send();
        assertEquals(List.of("data 1 \u0081\u0082ping"), h.events());
        h.session.sendData(1, ByteBuffer.wrap("\u0081\u0002hi".getBytes(StandardCharsets.ISO_8859_1)), false);
        assertEquals(List.of("DATA 1 \u0081\u0002hi"), h.output());
        assertEquals(StreamState.OPEN, h.session.streamState(1), "no END_STREAM either way yet");
        h.session.sendData(1, ByteBuffer.allocate(0), true);
        assertEquals(List.of("DATA 1 end "), h.output());
        h.client.data(1, "", true);
        h.send();
        assertEquals(List.of("end 1"), h.events());
        h.session.release(1);
        assertEquals(StreamState.CLOSED, h.session.streamState(1));
        assertEquals(0, h.session.streamCount());
    }

    @Test
    void protocolWithoutTheSettingIsAStreamProtocolError() {
        SessionHarness h = new SessionHarness();
        h.client.headers(1, false, WEBSOCKET);
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), h.send());
        assertEquals(List.of(), h.events());
        h.client.get(3);
        h.send();
        assertEquals(List.of("request 3 GET https example.com / end"), h.events(), "the connection goes on");
    }

    @Test
    void protocolOnAnotherMethodIsAStreamProtocolError() {
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(":method", "GET", ":protocol", "websocket",
                ":scheme", "https", ":path", "/chat", ":authority", "example.com"));
    }

    @Test
    void extendedConnectNeedsSchemePathAndAuthority() {
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(":method", "CONNECT", ":protocol", "websocket",
                ":path", "/chat", ":authority", "example.com"), "no :scheme");
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(":method", "CONNECT", ":protocol", "websocket",
                ":scheme", "https", ":authority", "example.com"), "no :path");
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(":method", "CONNECT", ":protocol", "websocket",
                ":scheme", "https", ":path", "/chat"), "no :authority");
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(":method", "CONNECT", ":protocol", "websocket",
                ":scheme", "https", ":path", "", ":authority", "example.com"), "empty :path");
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(":method", "CONNECT", ":protocol", "websocket",
                ":protocol", "websocket", ":scheme", "https", ":path", "/", ":authority", "example.com"), "twice");
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), malformed(":method", "CONNECT", ":scheme", "https",
                ":path", "/", ":authority", "example.com"), "a plain CONNECT still may not name a path");
    }

    @Test
    void theByteVectorOfAStreamErrorForProtocolWithoutTheSetting() {
        SessionHarness h = new SessionHarness();
        h.client.headers(1, false, WEBSOCKET);
        h.session.receive(ByteBuffer.wrap(h.client.take()));
        assertEquals("000004030000000001" + "00000001", h.outputHex(), "RST_STREAM 1 PROTOCOL_ERROR");
    }

    private static List<String> malformed(String... fields) {
        SessionHarness h = new SessionHarness(ENABLED);
        h.client.headers(1, false, fields);
        List<String> out = h.send();
        assertEquals(List.of(), h.events(), "the request never reaches the server");
        return out;
    }

    private static String hex(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
