package io.jvicorn.http2.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvicorn.asgi.Header;
import io.jvicorn.http2.frame.SettingId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flow control both ways (RFC 9113 §6.9): the server never sends past the client's windows, nor accepts past its own. */
class FlowControlTest {

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static SessionHarness started(long initialWindow) {
        SessionHarness h = new SessionHarness();
        h.client.settings(SettingId.INITIAL_WINDOW_SIZE, initialWindow).get(1);
        assertEquals(List.of("SETTINGS ack"), h.send());
        h.events();
        h.session.sendHeaders(1, 200, List.of(), false);
        h.output();
        return h;
    }

    @Test
    void dataStopsAtTheStreamWindowAndResumesOnWindowUpdate() {
        SessionHarness h = started(3);
        ByteBuffer body = bytes("hello");
        assertEquals(3, h.session.sendData(1, body, true));
        assertEquals(List.of("DATA 1 hel"), h.output(), "no END_STREAM: two octets are left");
        assertEquals(0, h.session.sendData(1, body, true));
        assertEquals(0, h.session.sendWindow(1));
        h.client.windowUpdate(1, 10);
        h.send();
        assertEquals(List.of("window 1"), h.events());
        assertEquals(2, h.session.sendData(1, body, true));
        assertEquals(List.of("DATA 1 end lo"), h.output());
    }

    @Test
    void dataStopsAtTheConnectionWindow() {
        SessionHarness h = started(1 << 20);
        byte[] big = new byte[70_000];
        ByteBuffer body = ByteBuffer.wrap(big);
        assertEquals(65_535, h.session.sendData(1, body, true), "the connection's initial window");
        h.output();
        h.client.windowUpdate(0, 1000);
        h.send();
        assertEquals(List.of("window 0"), h.events());
        assertEquals(1000, h.session.sendData(1, body, true));
    }

    @Test
    void anEmptyEndOfStreamNeedsNoWindow() {
        SessionHarness h = started(0);
        assertEquals(0, h.session.sendData(1, ByteBuffer.allocate(0), true));
        assertEquals(List.of("DATA 1 end "), h.output());
    }

    @Test
    void aChangedInitialWindowShiftsOpenStreamsEvenBelowZero() {
        SessionHarness h = started(5);
        assertEquals(5, h.session.sendData(1, bytes("12345"), false));
        h.client.settings(SettingId.INITIAL_WINDOW_SIZE, 2); // window 0 - 3 = -3
        h.send();
        h.client.windowUpdate(1, 4); // -3 + 4 = 1
        h.send();
        assertEquals(1, h.session.sendWindow(1));
        h.client.settings(SettingId.INITIAL_WINDOW_SIZE, 12); // 1 + 10
        h.send();
        assertEquals(11, h.session.sendWindow(1));
        assertEquals(List.of("window 1", "window 0"), h.events(), "a larger initial window may unblock every stream");
    }

    @Test
    void windowOverflowIsAStreamOrConnectionErrorAsTheWindowSays() {
        SessionHarness h = started(65_535);
        h.client.windowUpdate(1, Integer.MAX_VALUE);
        assertEquals(List.of("RST_STREAM 1 FLOW_CONTROL_ERROR"), h.send());
        h.client.windowUpdate(0, Integer.MAX_VALUE);
        assertEquals(List.of("GOAWAY 1 FLOW_CONTROL_ERROR connection flow-control window above 2^31-1"), h.send());
    }

    @Test
    void anInitialWindowThatOverflowsAnOpenStreamIsAConnectionError() {
        SessionHarness h = started(65_535);
        h.client.windowUpdate(1, Integer.MAX_VALUE - 65_535);
        h.send();
        h.client.settings(SettingId.INITIAL_WINDOW_SIZE, 65_536);
        assertEquals(List.of(
                "GOAWAY 1 FLOW_CONTROL_ERROR SETTINGS_INITIAL_WINDOW_SIZE makes a stream window exceed 2^31-1"),
                h.send());
    }

    @Test
    void zeroIncrementsAreAStreamOrConnectionError() {
        SessionHarness h = started(65_535);
        h.client.raw("000004 08 00 00000001 00000000");
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), h.send());
        assertEquals(List.of("reset 1 PROTOCOL_ERROR"), h.events());
        h.client.raw("000004 08 00 00000000 00000000");
        assertEquals(List.of("GOAWAY 1 PROTOCOL_ERROR WINDOW_UPDATE increment of 0 on the connection"), h.send());
    }

    @Test
    void theStreamWindowReopensAsTheApplicationConsumesInHalfWindowSteps() {
        SessionHarness h = new SessionHarness(SessionLimits.DEFAULTS.withInitialWindowSize(100));
        h.client.settingsAck().post(1).data(1, "x".repeat(100), false);
        assertEquals(List.of(), h.send());
        h.client.data(1, "y", false);
        assertEquals(List.of("RST_STREAM 1 FLOW_CONTROL_ERROR"), h.send(), "one octet past the window");

        h.client.post(3).data(3, "x".repeat(100), false);
        h.send();
        h.session.consumed(3, 49);
        assertEquals(List.of(), h.output(), "below half the window: not worth a frame");
        h.session.consumed(3, 1);
        assertEquals(List.of("WINDOW_UPDATE 3 50"), h.output());
        h.client.data(3, "z".repeat(50), true);
        assertEquals(List.of(), h.send());
    }

    @Test
    void streamsOpenedBeforeOurSettingsWereAcknowledgedGetTheRfcWindowThenOurs() {
        SessionHarness h = new SessionHarness(SessionLimits.DEFAULTS.withInitialWindowSize(100));
        h.client.post(1).data(1, "x".repeat(1000), false); // allowed: the client may not have seen our SETTINGS
        assertEquals(List.of(), h.send());
        h.client.settingsAck().data(1, "x".repeat(1000), false); // 65535 - 1000 - (65535 - 100) < 1000
        assertEquals(List.of("RST_STREAM 1 FLOW_CONTROL_ERROR"), h.send());
    }

    @Test
    void theConnectionWindowIsEnforcedAndReopened() {
        SessionLimits limits = new SessionLimits(100, 1 << 20, 65_535, 16_384, 65_536, 1000, 100, 100, 200, 1 << 20,
                false);
        SessionHarness h = new SessionHarness(limits);
        h.client.post(1);
        h.send();
        for (int i = 0; i < 3; i++) {
            h.client.data(1, "x".repeat(16_384), false);
        }
        h.client.data(1, "x".repeat(16_383), false);
        assertEquals(List.of(), h.send());
        h.session.consumed(1, 40_000);
        assertEquals(List.of("WINDOW_UPDATE 0 40000"), h.output(), "the stream's window is far from half used");
        h.client.data(1, "x".repeat(40_001), false);
        assertEquals(List.of("GOAWAY 1 FLOW_CONTROL_ERROR DATA beyond the connection flow-control window"),
                h.send());
    }

    @Test
    void paddingIsGivenBackAtOnceAndDataOnAResetStreamToo() {
        SessionLimits limits = new SessionLimits(100, 1 << 20, 65_535, 16_384, 65_536, 1000, 100, 100, 200, 1 << 20,
                false);
        SessionHarness h = new SessionHarness(limits);
        h.client.post(1);
        h.send();
        // DATA, PADDED, stream 1: pad length 200, "ab", 200 zero octets; 203 flow-controlled of which 201 padding.
        h.client.raw("0000cb 00 08 00000001 c8 6162" + "00".repeat(200));
        h.send();
        h.session.reset(1, io.jvicorn.http2.frame.ErrorCode.CANCEL);
        h.output();
        h.client.data(1, "x".repeat(33_000), false); // in flight, dropped: given back to the connection
        // Three frames (16384, 16384, 232): the update goes out once half the window (32767) has added up.
        assertEquals(List.of("WINDOW_UPDATE 0 32969"), h.send(), "201 of padding and two frames dropped");
        h.session.consumed(1, 2); // the application read "ab" after all
        assertEquals(List.of(), h.output(), "2 octets wait for more");
    }

    @Test
    void theResponseHeadersUseThePeerMaxFrameSize() {
        SessionHarness h = started(65_535);
        String value = "v".repeat(20_000);
        h.session.sendHeaders(1, 200, List.of(new Header("x-big", value)), true);
        List<String> out = h.output();
        assertEquals(1, out.size(), "HEADERS and CONTINUATION decode as one block");
        assertEquals("HEADERS 1 end :status=200 x-big=" + value, out.getFirst());
    }
}
