package io.jvicorn.http2.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvicorn.http2.frame.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream identifiers, states and concurrency (RFC 9113 §5.1, §5.1.1, §5.1.2), each answered at the RFC's scope. */
class StreamRulesTest {

    @Test
    void anEvenStreamIsAConnectionError() {
        SessionHarness h = new SessionHarness();
        h.client.get(2);
        assertEquals(List.of("GOAWAY 0 PROTOCOL_ERROR client opened an even-numbered stream"), h.send());
        assertEquals(SessionState.CLOSED, h.session.state());
    }

    @Test
    void aStreamIdGoingBackIsAConnectionError() {
        SessionHarness h = new SessionHarness();
        h.client.get(5).get(3);
        assertEquals(List.of("GOAWAY 5 PROTOCOL_ERROR stream identifier not greater than the last one"), h.send());
    }

    @Test
    void framesOnIdleStreamsAreConnectionErrors() {
        SessionHarness data = new SessionHarness();
        data.client.data(1, "x", true);
        assertEquals(List.of("GOAWAY 0 PROTOCOL_ERROR DATA on an idle stream"), data.send());
        SessionHarness rst = new SessionHarness();
        rst.client.rst(1, ErrorCode.CANCEL);
        assertEquals(List.of("GOAWAY 0 PROTOCOL_ERROR RST_STREAM on an idle stream"), rst.send());
        SessionHarness window = new SessionHarness();
        window.client.windowUpdate(1, 100);
        assertEquals(List.of("GOAWAY 0 PROTOCOL_ERROR WINDOW_UPDATE on an idle stream"), window.send());
        SessionHarness continuation = new SessionHarness();
        continuation.client.raw("000000 09 04 00000001");
        assertEquals(List.of("GOAWAY 0 PROTOCOL_ERROR CONTINUATION without an open header block"),
                continuation.send());
    }

    @Test
    void dataOrHeadersAfterEndStreamIsAStreamErrorStreamClosed() {
        SessionHarness h = new SessionHarness();
        h.client.get(1).data(1, "x", false);
        assertEquals(List.of("RST_STREAM 1 STREAM_CLOSED"), h.send());
        assertEquals(List.of("request 1 GET https example.com / end", "reset 1 STREAM_CLOSED"), h.events());
        h.client.get(3).headers(3, true, "x-trailer", "1");
        assertEquals(List.of("RST_STREAM 3 STREAM_CLOSED"), h.send());
        assertEquals(SessionState.OPEN, h.session.state());
    }

    @Test
    void dataAfterTheClientResetIsAStreamErrorAndAfterOurResetIsIgnored() {
        SessionHarness h = new SessionHarness();
        h.client.post(1).rst(1, ErrorCode.CANCEL).data(1, "x", false);
        assertEquals(List.of("RST_STREAM 1 STREAM_CLOSED"), h.send());
        h.client.data(1, "y", false);
        assertEquals(List.of(), h.send(), "one reset is enough");

        h.client.post(3);
        h.send();
        h.session.reset(3, ErrorCode.INTERNAL_ERROR);
        h.output();
        h.client.data(3, "in flight", false).headers(3, true, "x", "1");
        assertEquals(List.of(), h.send(), "the client had not seen our reset");
    }

    @Test
    void headersOnAStreamClosedNormallyIsAConnectionErrorStreamClosed() {
        SessionHarness h = new SessionHarness();
        h.client.get(1);
        h.send();
        h.respond(1, "");
        h.output();
        h.client.get(1);
        assertEquals(List.of("GOAWAY 1 STREAM_CLOSED HEADERS on a closed stream"), h.send());
    }

    @Test
    void dataOnAStreamClosedNormallyIsAStreamErrorStreamClosed() {
        SessionHarness h = new SessionHarness();
        h.client.get(1);
        h.send();
        h.respond(1, "ok");
        h.output();
        h.client.data(1, "x", true);
        assertEquals(List.of("RST_STREAM 1 STREAM_CLOSED"), h.send());
    }

    @Test
    void streamsBeyondTheLimitAreRefusedAndAReleasedStreamFreesItsPlace() {
        SessionHarness h = new SessionHarness(SessionLimits.DEFAULTS.withMaxConcurrentStreams(2));
        h.client.get(1).get(3).get(5);
        assertEquals(List.of("RST_STREAM 5 REFUSED_STREAM"), h.send());
        h.respond(1, "");
        h.output();
        h.client.get(7);
        assertEquals(List.of(), h.send());
        assertEquals(List.of("request 1 GET https example.com / end", "request 3 GET https example.com / end",
                "request 7 GET https example.com / end"), h.events());
    }

    @Test
    void aStreamResetByTheClientCountsUntilItsApplicationFinished() {
        SessionHarness h = new SessionHarness(SessionLimits.DEFAULTS.withMaxConcurrentStreams(1));
        h.releaseOnReset = false; // the application is still running
        h.client.get(1).rst(1, ErrorCode.CANCEL).get(3);
        assertEquals(List.of("RST_STREAM 3 REFUSED_STREAM"), h.send());
        assertEquals(List.of("request 1 GET https example.com / end", "reset 1 CANCEL"), h.events());
        h.session.release(1);
        assertEquals(List.of(), h.output(), "closed already: nothing to send");
        h.client.get(5);
        h.send();
        assertEquals(List.of("request 5 GET https example.com / end"), h.events());
    }

    @Test
    void aStreamDependingOnItselfIsAStreamError() {
        SessionHarness h = new SessionHarness();
        h.client.priority(1, 1);
        assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), h.send());
        // HEADERS with priority fields on itself; the block (GET http /) is decoded for HPACK's sake all the same.
        h.client.raw("000008 01 25 00000003 00000003 0f 828684");
        assertEquals(List.of("RST_STREAM 3 PROTOCOL_ERROR"), h.send());
        assertEquals(SessionState.OPEN, h.session.state());
    }
}
