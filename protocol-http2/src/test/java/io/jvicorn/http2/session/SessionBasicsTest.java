package io.jvicorn.http2.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvicorn.asgi.Header;
import io.jvicorn.http2.frame.ErrorCode;
import io.jvicorn.http2.frame.SettingId;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connection preface, SETTINGS and PING, and plain request/response exchanges. */
class SessionBasicsTest {

    @Test
    void theServerPrefaceIsItsSettingsAndAConnectionWindowUpdate() {
        Http2Session session = new Http2Session(SessionLimits.DEFAULTS, new SessionHarness(), true);
        session.start();
        ByteBuffer out = session.output();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        // SETTINGS MAX_CONCURRENT_STREAMS=100 MAX_HEADER_LIST_SIZE=65536; WINDOW_UPDATE 0 +983041 (to 1 MiB).
        assertEquals("00000c040000000000" + "000300000064" + "000600010000" + "000004080000000000" + "000f0001",
                java.util.HexFormat.of().formatHex(bytes));
    }

    @Test
    void nonDefaultLimitsAreAnnounced() {
        SessionHarness h = new SessionHarness(SessionLimits.DEFAULTS.withInitialWindowSize(1000)
                .withMaxFrameSize(32768).withMaxConcurrentStreams(7));
        // The harness checked the preface; start again to see it.
        Http2Session s = new Http2Session(SessionLimits.DEFAULTS.withInitialWindowSize(1000).withMaxFrameSize(32768)
                .withMaxConcurrentStreams(7), h, true);
        s.start();
        ByteBuffer out = s.output();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        assertEquals("000018040000000000" + "000300000007" + "0004000003e8" + "000500008000" + "000600010000"
                + "000004080000000000000f0001", java.util.HexFormat.of().formatHex(b));
    }

    @Test
    void settingsAndPingAreAcknowledged() {
        SessionHarness h = new SessionHarness();
        h.client.settings(SettingId.MAX_FRAME_SIZE, 20000).ping(0x0102030405060708L);
        assertEquals(List.of("SETTINGS ack", "PING ack 102030405060708"), h.send());
        h.client.raw("000008 06 01 00000000 0000000000000001"); // a PING ACK is not answered
        assertEquals(List.of(), h.send());
    }

    @Test
    void aGetIsAnnouncedAndAnsweredWithHeadersAndData() {
        SessionHarness h = new SessionHarness();
        h.client.headers(1, true, ":method", "GET", ":scheme", "https", ":path", "/a?b", ":authority", "example.com",
                "accept", "*/*");
        assertEquals(List.of(), h.send());
        assertEquals(List.of("request 1 GET https example.com /a?b accept=*/* end"), h.events());
        assertEquals(StreamState.HALF_CLOSED_REMOTE, h.session.streamState(1));
        h.respond(1, "hello");
        assertEquals(List.of("HEADERS 1 :status=200 content-type=text/plain", "DATA 1 end hello"), h.output());
        assertEquals(StreamState.CLOSED, h.session.streamState(1));
        assertEquals(0, h.session.streamCount());
    }

    @Test
    void aResponseIsWrittenByteExact() {
        SessionHarness h = new SessionHarness();
        h.client.get(1);
        h.send();
        h.session.sendHeaders(1, 204, List.of(), true);
        // HEADERS, END_STREAM|END_HEADERS, stream 1, ":status: 204" is static table index 9 (0x89).
        assertEquals("000001010500000001" + "89", h.outputHex());
    }

    @Test
    void aPostBodyArrivesWithEndAndTrailersEndItToo() {
        SessionHarness h = new SessionHarness();
        h.client.post(1, "content-type", "text/plain").data(1, "abc", false).data(1, "def", true);
        h.send();
        assertEquals(List.of("request 1 POST https example.com /up content-type=text/plain", "data 1 abc",
                "data 1 def", "end 1"), h.events());
        h.client.post(3).data(3, "x", false).headers(3, true, "checksum", "1");
        h.send();
        assertEquals(List.of("request 3 POST https example.com /up", "data 3 x", "end 3"), h.events());
    }

    @Test
    void trailersAreSent() {
        SessionHarness h = new SessionHarness();
        h.client.get(1);
        h.send();
        h.session.sendHeaders(1, 200, List.of(new Header("trailer", "x-sum")), false);
        h.session.sendData(1, ByteBuffer.wrap(new byte[] {'a'}), false);
        h.session.sendTrailers(1, List.of(new Header("x-sum", "7")));
        assertEquals(List.of("HEADERS 1 :status=200 trailer=x-sum", "DATA 1 a", "HEADERS 1 end x-sum=7"), h.output());
        assertEquals(StreamState.CLOSED, h.session.streamState(1));
    }

    @Test
    void aResponseBeforeTheRequestEndedIsFollowedByResetNoErrorOnRelease() {
        SessionHarness h = new SessionHarness();
        h.client.post(1);
        h.send();
        h.session.sendHeaders(1, 413, List.of(), true);
        assertEquals(StreamState.HALF_CLOSED_LOCAL, h.session.streamState(1));
        h.session.release(1);
        assertEquals(List.of("HEADERS 1 end :status=413", "RST_STREAM 1 NO_ERROR"), h.output());
        h.client.data(1, "late", true); // in flight when the reset went out: ignored
        assertEquals(List.of(), h.send());
    }

    @Test
    void theServerResettingAStreamSendsRstStream() {
        SessionHarness h = new SessionHarness();
        h.client.get(1);
        h.send();
        h.events();
        h.session.reset(1, ErrorCode.INTERNAL_ERROR);
        assertEquals(List.of("RST_STREAM 1 INTERNAL_ERROR"), h.output());
        assertEquals(List.of(), h.events(), "the server knows already");
        assertEquals(-1, h.session.sendData(1, ByteBuffer.allocate(1), true), "gone");
    }

    @Test
    void priorityFramesAreIgnoredEvenOnIdleStreams() {
        SessionHarness h = new SessionHarness();
        h.client.priority(9, 0).priority(1, 0);
        assertEquals(List.of(), h.send());
        h.client.get(1);
        h.send();
        assertEquals(1, h.events().size());
    }
}
