package io.jvicorn.http2.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.http2.frame.ErrorCode;
import io.jvicorn.http2.frame.SettingId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attacks of RFC 9113 §10.5 and their CVEs, sent whole: each ends in GOAWAY ENHANCE_YOUR_CALM (or the frame limit's
 * error) at the limit and not before, and memory stays bounded (the session holds nothing per attack frame).
 */
class FloodDefenceTest {
    private static final SessionLimits SMALL = new SessionLimits(100, 65_535, 1 << 20, 16_384, 65_536, 50, 10, 20, 40,
            64 * 1024, false);

    @Test
    void rapidResetEndsTheConnection() {
        SessionHarness h = new SessionHarness(SMALL);
        for (int i = 0; i < 20; i++) {
            h.client.get(1 + 2 * i).rst(1 + 2 * i, ErrorCode.CANCEL);
        }
        assertEquals(List.of(), h.send(), "20 resets in 20 streams: the limit, not past it");
        assertEquals(0, h.session.streamCount(), "released as they were reset");
        h.client.get(41).rst(41, ErrorCode.CANCEL);
        assertEquals(List.of("GOAWAY 41 ENHANCE_YOUR_CALM too many streams reset by the client"), h.send());
    }

    @Test
    void resetsAreCountedPerWindowOfStreams() {
        SessionHarness h = new SessionHarness(SMALL);
        int id = 1;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 20; i++, id += 2) {
                h.client.get(id).rst(id, ErrorCode.CANCEL);
            }
            for (int i = 0; i < 20; i++, id += 2) { // 20 streams answered: a browser's mix, half cancelled
                h.client.get(id);
                h.send();
                h.respond(id, "");
            }
            assertEquals(SessionState.OPEN, h.session.state(), "round " + round);
            h.output();
        }
    }

    @Test
    void aResetAfterTheResponseIsNotCounted() {
        SessionHarness h = new SessionHarness(SMALL);
        for (int i = 0; i < 30; i++) {
            int id = 1 + 2 * i;
            h.client.post(id);
            h.send();
            h.session.sendHeaders(id, 200, List.of(), true);
            h.client.rst(id, ErrorCode.NO_ERROR); // the client stops its upload once answered
        }
        h.send();
        assertEquals(SessionState.OPEN, h.session.state());
    }

    @Test
    void pingAndSettingsFloodsEndTheConnectionAndAPeriodStartsAfresh() {
        SessionHarness h = new SessionHarness(SMALL);
        for (int i = 0; i < 49; i++) { // with the preface's SETTINGS, 50: the limit
            if (i % 2 == 0) {
                h.client.ping(i);
            } else {
                h.client.settings(SettingId.MAX_FRAME_SIZE, 16_384);
            }
        }
        List<String> acks = h.send();
        assertEquals(49, acks.size());
        assertTrue(acks.stream().allMatch(a -> a.startsWith("PING ack") || a.equals("SETTINGS ack")), acks.toString());
        h.session.newPeriod();
        for (int i = 0; i < 50; i++) {
            h.client.priority(1, 0);
        }
        assertEquals(List.of(), h.send());
        h.client.ping(99);
        assertEquals(List.of("GOAWAY 0 ENHANCE_YOUR_CALM too many SETTINGS, PING or PRIORITY frames"), h.send());
    }

    @Test
    void emptyDataFloodEndsTheConnection() {
        SessionHarness h = new SessionHarness(SMALL);
        h.client.post(1);
        for (int i = 0; i < 11; i++) {
            h.client.data(1, "", false);
        }
        assertEquals(List.of("GOAWAY 1 ENHANCE_YOUR_CALM too many empty DATA frames"), h.send());
        assertEquals(List.of("request 1 POST https example.com /up", "reset 1 ENHANCE_YOUR_CALM"), h.events());
    }

    @Test
    void aClientThatDoesNotReadItsAcknowledgementsIsCutOff() {
        SessionLimits limits = new SessionLimits(100, 65_535, 1 << 20, 16_384, 65_536, 100_000, 10, 20, 40,
                64 * 1024, false);
        Http2Session session = new Http2Session(limits, new SessionHarness(), true);
        session.start();
        ClientFrames client = new ClientFrames().preface();
        for (int i = 0; i < 5000; i++) {
            client.ping(i);
        }
        session.receive(java.nio.ByteBuffer.wrap(client.take()));
        // Nobody drains the output: it stops growing a frame past the limit, with the GOAWAY.
        assertEquals(SessionState.CLOSED, session.state());
        assertEquals("client does not read what it asks for", session.failure());
        assertTrue(session.outputSize() < 64 * 1024 + 100, "output " + session.outputSize());
    }

    @Test
    void continuationFloodIsStoppedByTheHeaderBlockLimit() {
        SessionHarness h = new SessionHarness(SessionLimits.DEFAULTS.withMaxHeaderListSize(4096));
        h.client.raw("000003 01 00 00000001 828684"); // HEADERS without END_HEADERS
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            flood.append("000000 09 00 00000001"); // empty CONTINUATIONs
        }
        h.client.raw(flood.toString());
        assertEquals(List.of("GOAWAY 0 ENHANCE_YOUR_CALM header block too large"), h.send());
        assertEquals(SessionState.CLOSED, h.session.state());
    }

    @Test
    void oversizedFramesAreAFrameSizeError() {
        SessionHarness h = new SessionHarness();
        h.client.post(1).raw("004001 00 00 00000001" + "00".repeat(16_385));
        assertEquals(List.of("GOAWAY 1 FRAME_SIZE_ERROR frame larger than SETTINGS_MAX_FRAME_SIZE"), h.send());
    }

    @Test
    void zeroAndOverflowingWindowsAreHandled() {
        SessionHarness h = new SessionHarness(SMALL);
        h.client.settings(SettingId.INITIAL_WINDOW_SIZE, 0).get(1);
        h.send();
        h.session.sendHeaders(1, 200, List.of(), false);
        assertEquals(0, h.session.sendData(1, java.nio.ByteBuffer.allocate(10), true), "a zero window holds data");
        h.client.settings(SettingId.INITIAL_WINDOW_SIZE, 2_147_483_648L);
        assertEquals(List.of("HEADERS 1 :status=200",
                "GOAWAY 1 FLOW_CONTROL_ERROR SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1"), h.send());
    }
}
