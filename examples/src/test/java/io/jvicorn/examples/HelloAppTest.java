package io.jvicorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.LifespanScope;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelloAppTest {

    @Test
    void answersPlaintextWithItsLength() throws Exception {
        FakeExchange exchange = new FakeExchange();
        new HelloApp().call(FakeExchange.get("/anything"), exchange.receive(), exchange.send());

        assertEquals(2, exchange.sent.size());
        assertEquals(200, exchange.start().status());
        assertEquals(List.of(Header.of("content-type", "text/plain"), Header.of("content-length", "13")),
                exchange.start().headers());
        assertEquals("Hello, world!", exchange.body());
        assertFalse(((HttpResponseBody) exchange.sent.get(1)).moreBody());
        assertEquals(0, exchange.receives);
    }

    @Test
    void reusesTheSameMessagesForEveryRequest() throws Exception {
        FakeExchange first = new FakeExchange();
        FakeExchange second = new FakeExchange();
        HelloApp app = new HelloApp();
        app.call(FakeExchange.get("/"), first.receive(), first.send());
        app.call(FakeExchange.get("/"), second.receive(), second.send());

        assertSame(first.sent.get(0), second.sent.get(0));
        assertSame(first.sent.get(1), second.sent.get(1));
    }

    @Test
    void rejectsTheLifespanScopeSoTheServerTreatsItAsUnsupported() {
        FakeExchange exchange = new FakeExchange();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HelloApp().call(
                new LifespanScope(AsgiVersion.LIFESPAN, new HashMap<>()), exchange.receive(), exchange.send()));
        assertEquals("HelloApp serves http scopes only, not lifespan", e.getMessage());
        assertEquals(List.of(), exchange.sent);
    }
}
