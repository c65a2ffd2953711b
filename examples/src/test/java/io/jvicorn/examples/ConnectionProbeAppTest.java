package io.jvicorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionProbeAppTest {

    @Test
    void errorThrowsBeforeSendingAnything() {
        FakeExchange exchange = new FakeExchange();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ConnectionProbeApp().call(FakeExchange.get("/error"), exchange.receive(), exchange.send()));
        assertEquals(ConnectionProbeApp.ERROR_MESSAGE, e.getMessage());
        assertEquals(List.of(), exchange.sent);
    }

    @Test
    void closeAnswersWithTheApplicationsConnectionCloseHeader() throws Exception {
        FakeExchange exchange = new FakeExchange();
        new ConnectionProbeApp().call(FakeExchange.get("/close"), exchange.receive(), exchange.send());

        assertEquals(200, exchange.start().status());
        assertEquals(List.of(Header.of("content-type", "text/plain; charset=utf-8"),
                Header.of("content-length", "6"), Header.of("connection", "close")), exchange.start().headers());
        assertEquals("/close", exchange.body());
    }

    @Test
    void otherPathsAreEchoedWithTheirLength() throws Exception {
        FakeExchange exchange = new FakeExchange();
        new ConnectionProbeApp().call(FakeExchange.get("/sécond"), exchange.receive(), exchange.send());

        assertEquals(200, exchange.start().status());
        assertEquals("/sécond", exchange.body());
        assertEquals(Integer.toString("/sécond".getBytes(StandardCharsets.UTF_8).length),
                Header.first(exchange.start().headers(), "content-length"));
        assertEquals(null, Header.first(exchange.start().headers(), "connection"));
        assertEquals(0, exchange.receives);
    }

    @Test
    void goneReceivesUntilTheDisconnectAndSendsNothingAndStatsCountIt() throws Exception {
        ConnectionProbeApp app = new ConnectionProbeApp();
        FakeExchange gone = new FakeExchange(new HttpRequest(new byte[] {'a', 'b', 'c'}, true));
        app.call(FakeExchange.http("POST", "/gone", "", List.of()), gone.receive(), gone.send());

        assertEquals(List.of(), gone.sent);
        assertEquals(2, gone.receives, "the body part, then http.disconnect");

        FakeExchange stats = new FakeExchange();
        app.call(FakeExchange.get("/stats"), stats.receive(), stats.send());
        assertEquals("gone=1 disconnected=1", stats.body());
    }

    @Test
    void statsCountACallThatIsStillWaiting() throws Exception {
        ConnectionProbeApp app = new ConnectionProbeApp();
        FakeExchange gone = new FakeExchange();
        IllegalStateException stop = new IllegalStateException("the server cancelled the call");
        assertThrows(IllegalStateException.class, () -> app.call(FakeExchange.http("POST", "/gone", "", List.of()),
                () -> {
                    throw stop;
                }, gone.send()));

        FakeExchange stats = new FakeExchange();
        app.call(FakeExchange.get("/stats"), stats.receive(), stats.send());
        assertEquals("gone=1 disconnected=0", stats.body());
    }
}
