package io.jvicorn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketSend;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakAppTest {

    private static HttpRequest chunk(String text, boolean more) {
        return new HttpRequest(text.getBytes(StandardCharsets.UTF_8), more);
    }

    @Test
    void getAnswersHelloWithALength() throws Exception {
        FakeExchange exchange = new FakeExchange();
        new SoakApp().call(FakeExchange.get("/plaintext"), exchange.receive(), exchange.send());
        assertEquals(200, exchange.start().status());
        assertEquals(List.of(Header.of("content-type", "text/plain"), Header.of("content-length", "13")),
                exchange.start().headers());
        assertEquals("Hello, world!", exchange.body());
        assertEquals(0, exchange.receives, "a GET needs no receive");
    }

    @Test
    void postEchoesTheWholeBodyWithItsLengthAndContentType() throws Exception {
        FakeExchange exchange = new FakeExchange(chunk("hello ", true), chunk("", true), chunk("world", false));
        new SoakApp().call(FakeExchange.http("POST", "/echo", "", List.of(Header.of("content-type", "text/plain"))),
                exchange.receive(), exchange.send());
        assertEquals(200, exchange.start().status());
        assertEquals(List.of(Header.of("content-type", "text/plain"), Header.of("content-length", "11")),
                exchange.start().headers());
        assertEquals(2, exchange.sent.size(), "start and one body");
        assertEquals("hello world", exchange.body());
        assertEquals(false, ((HttpResponseBody) exchange.sent.get(1)).moreBody());
    }

    @Test
    void postWithoutContentTypeIsOctetStream() throws Exception {
        FakeExchange exchange = new FakeExchange(HttpRequest.EMPTY);
        new SoakApp().call(FakeExchange.http("PUT", "/", "", List.of()), exchange.receive(), exchange.send());
        assertEquals(List.of(Header.of("content-type", "application/octet-stream"), Header.of("content-length", "0")),
                exchange.start().headers());
    }

    @Test
    void postAbandonedByTheClientSendsNothing() throws Exception {
        FakeExchange exchange = new FakeExchange(chunk("partial", true), HttpDisconnect.INSTANCE);
        new SoakApp().call(FakeExchange.http("POST", "/echo", "", List.of()), exchange.receive(), exchange.send());
        assertEquals(List.of(), exchange.sent);
    }

    @Test
    void otherMethodsGet405() throws Exception {
        FakeExchange exchange = new FakeExchange();
        new SoakApp().call(FakeExchange.http("DELETE", "/", "", List.of()), exchange.receive(), exchange.send());
        assertEquals(405, exchange.start().status());
        assertEquals("", exchange.body());
    }

    @Test
    void webSocketAcceptsWithoutSubprotocolAndEchoesUntilDisconnect() throws Exception {
        FakeSocket socket = new FakeSocket();
        socket.client("hi");
        socket.client(new byte[] {1, 2});
        socket.disconnect();
        new SoakApp().call(FakeSocket.scope("/ws", List.of("chat")), socket.receive(), socket.send());
        assertEquals(3, socket.sent.size());
        assertEquals(new WebSocketAccept(null, List.of()), socket.sent.get(0));
        assertEquals("hi", ((WebSocketSend) socket.sent.get(1)).text());
        assertArrayEquals(new byte[] {1, 2}, ((WebSocketSend) socket.sent.get(2)).bytes());
    }

    @Test
    void lifespanIsNotSupported() {
        assertThrows(IllegalArgumentException.class, () -> new SoakApp().call(
                new LifespanScope(AsgiVersion.LIFESPAN, new HashMap<>()), () -> null, e -> { }));
    }
}
