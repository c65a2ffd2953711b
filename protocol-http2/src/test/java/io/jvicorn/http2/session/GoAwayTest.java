package io.jvicorn.http2.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Closing a connection (RFC 9113 §6.8): gracefully, streams finishing first, or at once on a connection error. */
class GoAwayTest {

    @Test
    void aGracefulGoAwayLetsOpenStreamsFinishIgnoresNewOnesAndThenCloses() {
        SessionHarness h = new SessionHarness();
        h.client.get(1).post(3);
        h.send();
        h.events();
        h.session.goAway();
        assertEquals(List.of("GOAWAY 3 NO_ERROR"), h.output());
        assertEquals(SessionState.GOING_AWAY, h.session.state());
        h.client.get(5).data(3, "body", true);
        assertEquals(List.of(), h.send(), "stream 5 is ignored; stream 3 goes on");
        assertEquals(List.of("data 3 body", "end 3"), h.events());
        h.respond(1, "one");
        assertEquals(SessionState.GOING_AWAY, h.session.state());
        h.respond(3, "three");
        assertEquals(List.of("HEADERS 1 :status=200 content-type=text/plain", "DATA 1 end one",
                "HEADERS 3 :status=200 content-type=text/plain", "DATA 3 end three"), h.output());
        assertEquals(SessionState.CLOSED, h.session.state());
        assertEquals(null, h.session.failure());
    }

    @Test
    void anIdleConnectionClosesAtOnce() {
        SessionHarness h = new SessionHarness();
        h.session.goAway();
        assertEquals(List.of("GOAWAY 0 NO_ERROR"), h.output());
        assertEquals(SessionState.CLOSED, h.session.state());
    }

    @Test
    void theClientsGoAwayEndsTheConnectionOnceItsStreamsAreAnswered() {
        SessionHarness h = new SessionHarness();
        h.client.get(1).goAway(0);
        h.send();
        assertEquals(SessionState.GOING_AWAY, h.session.state());
        h.respond(1, "");
        assertEquals(SessionState.CLOSED, h.session.state());
    }

    @Test
    void aConnectionErrorResetsEveryAnnouncedStreamAndReadsNothingMore() {
        SessionHarness h = new SessionHarness();
        h.client.get(1).post(3).get(4).get(5);
        assertEquals(List.of("GOAWAY 3 PROTOCOL_ERROR client opened an even-numbered stream"), h.send());
        assertEquals(List.of("request 1 GET https example.com / end", "request 3 POST https example.com /up",
                "reset 1 PROTOCOL_ERROR", "reset 3 PROTOCOL_ERROR"), h.events());
        assertEquals(SessionState.CLOSED, h.session.state());
        assertEquals(0, h.session.streamCount(), "released by the listener");
        assertEquals(-1, h.session.sendData(1, java.nio.ByteBuffer.allocate(1), true));
    }

    @Test
    void aBadPrefaceIsAConnectionErrorNotAnHttp11Request() {
        Http2Session session = new Http2Session(SessionLimits.DEFAULTS, new SessionHarness(), true);
        session.start();
        session.outputWritten();
        session.receive(java.nio.ByteBuffer.wrap("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(SessionState.CLOSED, session.state());
        assertEquals("invalid connection preface", session.failure());
    }
}
