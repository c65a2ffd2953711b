package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.lifespan.LifespanMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A framework's own thread factory runs the application instead of jvicorn's virtual threads. */
class ApplicationThreadsTest {

    @Test
    void theApplicationRunsOnTheSuppliedThreads() throws Exception {
        AtomicInteger made = new AtomicInteger();
        ThreadFactory framework = task -> {
            made.incrementAndGet();
            return Thread.ofVirtual().name("framework-thread").unstarted(task);
        };
        ServerConfig config = ServerConfig.builder((scope, receive, send) -> {
            Thread current = Thread.currentThread();
            // jvicorn names the thread after the connection; the factory's mark is that it made it at all.
            byte[] body = (current.isVirtual() + " " + made.get()).getBytes(StandardCharsets.US_ASCII);
            send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(body.length)))));
            send.send(new HttpResponseBody(body));
        }).port(0).loops(1).accessLog(false).lifespan(LifespanMode.OFF).applicationThreads(framework).build();
        try (Server server = new Server(config)) {
            server.start();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.body().startsWith("true "), response.body());
            assertTrue(Integer.parseInt(response.body().substring(5)) >= 1, response.body());
        }
    }
}
