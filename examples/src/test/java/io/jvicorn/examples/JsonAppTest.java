package io.jvicorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.testing.TestClient;
import io.jvicorn.testing.TestRequest;
import io.jvicorn.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonAppTest {

    @Test
    void answersTheGreeting() throws Exception {
        FakeExchange exchange = new FakeExchange();
        new JsonApp().call(FakeExchange.get("/json"), exchange.receive(), exchange.send());

        assertEquals(List.of(Header.of("content-type", "application/json"), Header.of("content-length", "27")),
                exchange.start().headers());
        assertEquals("{\"message\":\"Hello, World!\"}", exchange.body());
    }

    @Test
    void describesAPostToJsonAfterReadingTheBody() throws Exception {
        try (TestClient client = TestClient.of(new JsonApp())) {
            TestResponse r = client.request(TestRequest.post("/json?x=1&y=%22")
                    .header("content-type", "application/json")
                    .chunks(List.of("{\"a\":".getBytes(StandardCharsets.UTF_8), "1}".getBytes(StandardCharsets.UTF_8))));
            // host, user-agent, content-type and transfer-encoding, as a client sends them
            String expected = "{\"method\":\"POST\",\"path\":\"/json\",\"query\":\"x=1&y=%22\",\"headers\":4}";
            assertEquals(expected, r.text());
            assertEquals(Integer.toString(expected.length()), r.header("content-length"));
        }
    }

    @Test
    void escapesWhatJsonRequires() throws Exception {
        FakeExchange exchange = new FakeExchange(HttpRequest.EMPTY);
        new JsonApp().call(FakeExchange.http("POST", "/json", "", List.of()), exchange.receive(), exchange.send());
        assertEquals("{\"method\":\"POST\",\"path\":\"/json\",\"query\":\"\",\"headers\":0}", exchange.body());

        String quoted = JsonText.quote(new StringBuilder(), "a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj/é😀").toString();
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u001fj/é😀\"", quoted);
    }

    @Test
    void countsContentLengthInUtf8Bytes() throws Exception {
        FakeExchange exchange = new FakeExchange(HttpRequest.EMPTY);
        // The query is bytes as received; byte 0xE9 arrives as U+00E9 and leaves UTF-8 encoded, two bytes long.
        new JsonApp().call(FakeExchange.http("POST", "/json", "q=caf\u00e9", List.of()),
                exchange.receive(), exchange.send());

        String expected = "{\"method\":\"POST\",\"path\":\"/json\",\"query\":\"q=café\",\"headers\":0}";
        assertEquals(expected, exchange.body());
        assertEquals(Header.of("content-length", Integer.toString(expected.length() + 1)),
                exchange.start().headers().get(1));
    }

    @Test
    void sendsNothingWhenTheClientLeavesDuringTheBody() throws Exception {
        FakeExchange exchange = new FakeExchange(new HttpRequest(new byte[] {1}, true), HttpDisconnect.INSTANCE);
        new JsonApp().call(FakeExchange.http("POST", "/json", "", List.of()), exchange.receive(), exchange.send());
        assertEquals(List.of(), exchange.sent);
    }

    @Test
    void greetsOtherMethodsAndPaths() throws Exception {
        FakeExchange exchange = new FakeExchange();
        new JsonApp().call(FakeExchange.http("POST", "/other", "", List.of()), exchange.receive(), exchange.send());
        assertEquals("{\"message\":\"Hello, World!\"}", exchange.body());
        assertEquals(0, exchange.receives);
    }

    @Test
    void rejectsTheLifespanScope() {
        FakeExchange exchange = new FakeExchange();
        assertThrows(IllegalArgumentException.class, () -> new JsonApp().call(
                new LifespanScope(AsgiVersion.LIFESPAN, new HashMap<>()), exchange.receive(), exchange.send()));
    }
}
