package io.jvicorn.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.LifespanShutdownComplete;
import io.jvicorn.asgi.LifespanStartupComplete;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A close() that arrives while start() runs (SIGTERM to a process still starting, as a reloader sends when files
 * change again quickly) waits for the start, then shuts down what it started: no listener is left accepting.
 */
@Timeout(60)
class CloseDuringStartTest {
    @Test
    void aCloseDuringStartupClosesTheListenersTheStartOpened() throws Exception {
        CountDownLatch inStartup = new CountDownLatch(1);
        CountDownLatch finishStartup = new CountDownLatch(1);
        Application app = (scope, receive, send) -> {
            if (scope instanceof LifespanScope) {
                receive.receive();
                inStartup.countDown();
                finishStartup.await();
                send.send(new LifespanStartupComplete());
                receive.receive();
                send.send(new LifespanShutdownComplete());
            }
        };
        Server server = new Server(ServerConfig.builder(app).port(0).lifespan("on").build());
        // Threads of their own: the common pool may have a single thread, which the blocked start would hold.
        ExecutorService threads = Executors.newCachedThreadPool();
        CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> {
            try {
                server.start();
            } catch (ServerStartupException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        assertTrue(inStartup.await(30, TimeUnit.SECONDS));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close, threads);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !closing.isDone());
        finishStartup.countDown();
        starting.get(30, TimeUnit.SECONDS);
        closing.get(30, TimeUnit.SECONDS);
        String place = server.runningOn().get(0); // http://127.0.0.1:PORT, kept after the close
        int port = Integer.parseInt(place.substring(place.lastIndexOf(':') + 1));
        assertThrows(ConnectException.class, () -> connect(port), "the listener the start opened is closed");
        server.awaitTermination();
        threads.shutdown();
    }

    @Test
    void aServerClosedBeforeItStartedDoesNotStart() throws Exception {
        Server server = new Server(ServerConfig.builder((scope, receive, send) -> { }).port(0).build());
        server.close();
        ServerStartupException e = assertThrows(ServerStartupException.class, server::start);
        assertEquals("the server was closed before it started", e.getMessage());
    }

    private static void connect(int port) throws IOException {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
    }
}
