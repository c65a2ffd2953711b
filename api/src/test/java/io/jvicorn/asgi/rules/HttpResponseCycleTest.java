package io.jvicorn.asgi.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponsePathsend;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpResponseTrailers;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.rules.HttpResponseCycle.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpResponseCycleTest {
    private static final HttpResponseStart OK = new HttpResponseStart(200, List.of());

    private static HttpResponseCycle cycle() {
        HttpResponseCycle c = new HttpResponseCycle();
        c.begin(false);
        return c;
    }

    private static HttpResponseBody part(int length, boolean more) {
        return new HttpResponseBody(new byte[length], more);
    }

    private static String refusal(HttpResponseCycle c, io.jvicorn.asgi.SendEvent event) {
        State before = c.state();
        String message = assertThrows(IllegalStateException.class, () -> c.accept(event)).getMessage();
        assertEquals(before, c.state(), "a refused send leaves the state as it was");
        return message;
    }

    @Test
    void startBodyComplete() {
        HttpResponseCycle c = cycle();
        c.accept(OK);
        assertEquals(State.BODY, c.state());
        c.accept(part(3, true));
        assertEquals(State.BODY, c.state());
        c.accept(part(0, false));
        assertEquals(State.COMPLETE, c.state());
    }

    @Test
    void outOfOrderSendsHaveUvicornsMessages() {
        HttpResponseCycle c = cycle();
        assertEquals("Expected ASGI message 'http.response.start', but got 'http.response.body'.",
                refusal(c, part(1, false)));
        assertEquals("Expected ASGI message 'http.response.start', but got 'http.response.trailers'.",
                refusal(c, new HttpResponseTrailers(List.of(), false)));
        assertEquals("Unexpected ASGI message 'websocket.accept' sent to an 'http' scope.",
                refusal(c, new WebSocketAccept()));
        c.accept(OK);
        assertEquals("Expected ASGI message 'http.response.body', but got 'http.response.start'.", refusal(c, OK));
        c.accept(part(1, false));
        assertEquals("Unexpected ASGI message 'http.response.start' sent, after response already completed.",
                refusal(c, OK));
        assertEquals("Unexpected ASGI message 'http.response.body' sent, after response already completed.",
                refusal(c, part(1, false)));
        assertEquals("Unexpected ASGI message 'http.response.pathsend' sent, after response already completed.",
                refusal(c, new HttpResponsePathsend(Path.of("/tmp/x").toAbsolutePath())));
        assertEquals("Response trailers were not announced in the response start",
                refusal(c, new HttpResponseTrailers(List.of(), false)));
    }

    @Test
    void announcedTrailersFollowTheFinalBody() {
        HttpResponseCycle c = cycle();
        c.accept(new HttpResponseStart(200, List.of(), true));
        assertEquals("Response trailers sent before the final body part",
                refusal(c, new HttpResponseTrailers(List.of(), false)));
        c.accept(part(2, false));
        assertEquals(State.TRAILERS, c.state());
        assertEquals("Response already complete", refusal(c, part(1, false)));
        c.accept(new HttpResponseTrailers(List.of(Header.of("x-a", "1")), true));
        assertEquals(State.TRAILERS, c.state());
        c.accept(new HttpResponseTrailers(List.of(), false));
        assertEquals(State.COMPLETE, c.state());
        assertEquals("Response already complete", refusal(c, new HttpResponseTrailers(List.of(), false)));
    }

    @Test
    void aDeclaredContentLengthIsKept() {
        HttpResponseStart five = new HttpResponseStart(200, List.of(Header.of("Content-Length", "5")));
        HttpResponseCycle longer = cycle();
        longer.accept(five);
        longer.accept(part(3, true));
        assertEquals("Response content longer than Content-Length", refusal(longer, part(3, true)));
        HttpResponseCycle shorter = cycle();
        shorter.accept(five);
        assertEquals("Response content shorter than Content-Length", refusal(shorter, part(4, false)));
        HttpResponseCycle file = cycle();
        file.accept(five);
        file.accept(new HttpResponsePathsend(Path.of("/data").toAbsolutePath()));
        file.fileBody(5, true);
        assertThrows(IllegalStateException.class, () -> file.fileBody(1, false));
    }

    @Test
    void responsesWithoutContentEnforceNoLength() {
        HttpResponseCycle head = new HttpResponseCycle();
        head.begin(true);
        head.accept(new HttpResponseStart(200, List.of(Header.of("content-length", "100"))));
        head.accept(part(0, false));
        assertEquals(State.COMPLETE, head.state());
        HttpResponseCycle notModified = cycle();
        notModified.accept(new HttpResponseStart(304, List.of(Header.of("content-length", "100"))));
        notModified.accept(part(0, false));
        assertEquals(State.COMPLETE, notModified.state());
    }

    @Test
    void aMalformedContentLengthIsRefusedAtStart() {
        HttpResponseCycle c = cycle();
        assertEquals("malformed content-length header: '-1'", assertThrows(IllegalArgumentException.class,
                () -> c.accept(new HttpResponseStart(200, List.of(Header.of("content-length", "-1"))))).getMessage());
        assertEquals(State.AWAITING_START, c.state());
    }

    @Test
    void beginStartsOver() {
        HttpResponseCycle c = cycle();
        c.accept(OK);
        c.accept(part(1, false));
        c.begin(false);
        assertEquals(State.AWAITING_START, c.state());
        c.accept(OK);
    }
}
