package io.jvicorn.examples.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.lifespan.LifespanMode;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.testing.JdkWebSocketListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Jakarta chat on a real server, with the JDK's WebSocket client: rooms, names, joins and departures. */
class ChatEndpointTest {

    @Test
    void membersOfARoomHearEachOtherAndNoOneElse() throws Exception {
        // The client is closed last: HttpClient.close() waits for its open WebSockets, which the server's close ends.
        try (HttpClient http = HttpClient.newHttpClient();
             Server server = new Server(ServerConfig.builder(JakartaChatMain.application()).host("127.0.0.1").port(0)
                     .loops(1).accessLog(false).lifespan(LifespanMode.OFF)
                     .timeoutGracefulShutdown(java.time.Duration.ofSeconds(5)).build())) {
            server.start();
            String base = "ws://127.0.0.1:" + server.port();
            JdkWebSocketListener ann = new JdkWebSocketListener();
            WebSocket annWs = http.newWebSocketBuilder().buildAsync(URI.create(base + "/chat/blue?name=ann"), ann)
                    .get(10, TimeUnit.SECONDS);
            assertEquals("* ann joined blue", ann.nextText());
            JdkWebSocketListener bob = new JdkWebSocketListener();
            WebSocket bobWs = http.newWebSocketBuilder().buildAsync(URI.create(base + "/chat/blue?name=bob"), bob)
                    .get(10, TimeUnit.SECONDS);
            assertEquals("* bob joined blue", ann.nextText());
            assertEquals("* bob joined blue", bob.nextText());
            JdkWebSocketListener cid = new JdkWebSocketListener();
            WebSocket cidWs = http.newWebSocketBuilder().buildAsync(URI.create(base + "/chat/red?name=cid"), cid)
                    .get(10, TimeUnit.SECONDS);
            assertEquals("* cid joined red", cid.nextText());

            annWs.sendText("hello blue", true).get(10, TimeUnit.SECONDS);
            assertEquals("ann: hello blue", ann.nextText());
            assertEquals("ann: hello blue", bob.nextText());
            bobWs.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            assertEquals("* bob left (1000)", ann.nextText());
            assertEquals(0, cid.pending(), "red heard blue");

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/chat/"), page.body());
            annWs.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            cidWs.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }
}
