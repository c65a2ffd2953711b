package io.jvicorn.asgi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages are validated when built, so nothing malformed can reach the wire. */
class MessagesTest {

    @Test
    void everyMessageKnowsItsAsgiType() {
        assertEquals("http.request", HttpRequest.EMPTY.type());
        assertEquals("http.disconnect", HttpDisconnect.INSTANCE.type());
        assertEquals("http.response.start", new HttpResponseStart(200, List.of()).type());
        assertEquals("http.response.body", HttpResponseBody.of("x").type());
        assertEquals("http.response.trailers", new HttpResponseTrailers(List.of(), false).type());
        assertEquals("http.response.pathsend", new HttpResponsePathsend(Path.of("/tmp/x")).type());
        assertEquals("websocket.connect", WebSocketConnect.INSTANCE.type());
        assertEquals("websocket.accept", new WebSocketAccept().type());
        assertEquals("websocket.receive", new WebSocketReceive(null, "t").type());
        assertEquals("websocket.send", WebSocketSend.text("t").type());
        assertEquals("websocket.disconnect", new WebSocketDisconnect(1000, "").type());
        assertEquals("websocket.close", new WebSocketClose().type());
        assertEquals("websocket.http.response.start", new WebSocketHttpResponseStart(403, List.of()).type());
        assertEquals("websocket.http.response.body", new WebSocketHttpResponseBody(new byte[0], false).type());
        assertEquals("lifespan.startup", LifespanStartup.INSTANCE.type());
        assertEquals("lifespan.shutdown", LifespanShutdown.INSTANCE.type());
        assertEquals("lifespan.startup.complete", new LifespanStartupComplete().type());
        assertEquals("lifespan.startup.failed", new LifespanStartupFailed("x").type());
        assertEquals("lifespan.shutdown.complete", new LifespanShutdownComplete().type());
        assertEquals("lifespan.shutdown.failed", new LifespanShutdownFailed("x").type());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 99, 600, 1000, -1})
    void statusOutsideTheRangeIsRefused(int status) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HttpResponseStart(status, List.of()));
        assertEquals("status " + status + " is outside 100..599", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WebSocketHttpResponseStart(status, List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad name", "colon:", "tab\t", "nul\u0000", "caf\u00e9", "(paren)", "a/b", "q\"uote"})
    void headerNamesMustBeTokens(String name) {
        assertThrows(IllegalArgumentException.class, () -> Header.of(name, "v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nInjected: yes", "line\nfeed", "carriage\rreturn", "nul\u0000", "del\u007f", "bell\u0007", "wide\u0100"})
    void headerValuesCarryNoControlCharacters(String value) {
        assertThrows(IllegalArgumentException.class, () -> Header.of("x-test", value));
    }

    @Test
    void headerValuesMayHaveTabsSpacesAndLatin1() {
        assertDoesNotThrow(() -> Header.of("x-test", "a\tb c \u00e9\u00ff"));
        assertEquals("Va\u00e9", new String(Header.of("x", "Va\u00e9").valueBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void webSocketPayloadsHaveExactlyOneKind() {
        assertThrows(IllegalArgumentException.class, () -> new WebSocketSend(null, null));
        assertThrows(IllegalArgumentException.class, () -> new WebSocketSend(new byte[0], "both"));
        assertThrows(IllegalArgumentException.class, () -> new WebSocketReceive(null, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {999, 1004, 1005, 1006, 1015, 1016, 2999, 5000})
    void closeCodesThatMayNotBeSentAreRefused(int code) {
        assertThrows(IllegalArgumentException.class, () -> new WebSocketClose(code, ""));
    }

    @Test
    void closeReasonIsAtMost123BytesOfUtf8() {
        assertDoesNotThrow(() -> new WebSocketClose(1000, "a".repeat(123)));
        assertThrows(IllegalArgumentException.class, () -> new WebSocketClose(1000, "\u00e9".repeat(62)));
    }

    @Test
    void acceptRefusesTheSubprotocolAsAHeader() {
        assertThrows(IllegalArgumentException.class,
                () -> new WebSocketAccept(null, List.of(Header.of("Sec-WebSocket-Protocol", "chat"))));
    }

    @Test
    void pathsendNeedsAnAbsolutePath() {
        assertThrows(IllegalArgumentException.class, () -> new HttpResponsePathsend(Path.of("relative.txt")));
    }

    @Test
    void headerListsAreCopied() {
        java.util.ArrayList<Header> headers = new java.util.ArrayList<>(List.of(Header.of("a", "1")));
        HttpResponseStart start = new HttpResponseStart(200, headers);
        headers.add(Header.of("b", "2"));
        assertEquals(1, start.headers().size());
    }
}
