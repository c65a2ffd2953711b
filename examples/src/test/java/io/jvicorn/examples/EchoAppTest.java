package io.jvicorn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.WebSocketScope;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EchoAppTest {

    private static HttpRequest chunk(String text, boolean more) {
        return new HttpRequest(text.getBytes(StandardCharsets.UTF_8), more);
    }

    @Test
    void streamsEachChunkBackWithTheRequestContentType() throws Exception {
        FakeExchange exchange = new FakeExchange(chunk("hello ", true), chunk("", true), chunk("world", false));
        new EchoApp().call(FakeExchange.http("POST", "/echo", "",
                List.of(Header.of("content-type", "text/plain; charset=utf-8"))), exchange.receive(), exchange.send());

        assertEquals(List.of(Header.of("content-type", "text/plain; charset=utf-8")), exchange.start().headers());
        assertEquals(200, exchange.start().status());
        // start, "hello ", "world", final empty: the empty chunk is not echoed.
        assertEquals(4, exchange.sent.size());
        HttpResponseBody first = (HttpResponseBody) exchange.sent.get(1);
        HttpResponseBody second = (HttpResponseBody) exchange.sent.get(2);
        HttpResponseBody last = (HttpResponseBody) exchange.sent.get(3);
        assertEquals("hello ", new String(first.body(), StandardCharsets.UTF_8));
        assertEquals(true, first.moreBody());
        assertEquals("world", new String(second.body(), StandardCharsets.UTF_8));
        assertEquals(true, second.moreBody());
        assertArrayEquals(new byte[0], last.body());
        assertEquals(false, last.moreBody());
    }

    @Test
    void defaultsToOctetStreamAndAnswersAnEmptyBody() throws Exception {
        FakeExchange exchange = new FakeExchange(HttpRequest.EMPTY);
        new EchoApp().call(FakeExchange.get("/"), exchange.receive(), exchange.send());

        assertEquals(List.of(Header.of("content-type", "application/octet-stream")), exchange.start().headers());
        assertEquals(2, exchange.sent.size());
        assertEquals(false, ((HttpResponseBody) exchange.sent.get(1)).moreBody());
    }

    @Test
    void receivesBeforeStartingTheResponse() throws Exception {
        FakeExchange exchange = new FakeExchange(chunk("x", false));
        new EchoApp().call(FakeExchange.get("/"), () -> {
            assertEquals(List.of(), exchange.sent, "nothing may be sent before the first receive");
            return exchange.receive().receive();
        }, exchange.send());
        assertInstanceOf(HttpResponseStart.class, exchange.sent.get(0));
    }

    @Test
    void stopsWhenTheClientDisconnects() throws Exception {
        FakeExchange exchange = new FakeExchange(chunk("partial", true), HttpDisconnect.INSTANCE);
        new EchoApp().call(FakeExchange.get("/"), exchange.receive(), exchange.send());

        assertEquals(2, exchange.sent.size(), "start and the one chunk, no final body");
        assertEquals(2, exchange.receives);
    }

    @Test
    void rejectsWebSockets() {
        FakeExchange exchange = new FakeExchange();
        WebSocketScope ws = new WebSocketScope(AsgiVersion.HTTP, "1.1", "ws", "/", new byte[] {'/'}, new byte[0], "",
                List.of(), null, null, List.of(), new HashMap<>(), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EchoApp().call(ws, exchange.receive(), exchange.send()));
        assertEquals("EchoApp serves http scopes only, not websocket", e.getMessage());
    }
}
