package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.ReceiveEvent;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    @Test
    void inFlightRequestFinishesAndNewConnectionsAreRefused() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TestServer s = TestServer.start((scope, receive, send) -> {
            entered.countDown();
            release.await();
            Apps.hello().call(scope, receive, send);
        });
        int port = s.port();
        try (RawClient busy = s.raw(); RawClient idle = s.raw()) {
            busy.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
            assertTrue(idle.closedByServer(), "idle connections close at once");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> refused(port));
            release.countDown();
            RawClient.Response r = busy.response();
            assertEquals(200, r.status());
            assertEquals("close", r.header("connection"));
            closing.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void gracefulTimeoutCancelsTheApp() throws Exception {
        CompletableFuture<ReceiveEvent> seen = new CompletableFuture<>();
        CountDownLatch entered = new CountDownLatch(1);
        TestServer s = TestServer.start((scope, receive, send) -> {
            receive.receive();
            entered.countDown();
            seen.complete(receive.receive()); // a long poll: waits for the disconnect
        }, b -> b.timeoutGracefulShutdown(Duration.ofMillis(200)));
        try (RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            s.close();
            assertEquals(HttpDisconnect.INSTANCE, seen.get(5, TimeUnit.SECONDS));
            RawClient.Response cutOff = c.response(); // not a connection closed without a status line
            assertEquals(503, cutOff.status());
            assertEquals("close", cutOff.headers().get("connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void maxRequestsShutsTheServerDown() throws Exception {
        TestServer s = TestServer.start(Apps.hello(), b -> b.limitMaxRequests(3));
        try (RawClient c = s.raw()) {
            for (int i = 0; i < 3; i++) {
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, c.response().status());
            }
        }
        CompletableFuture<Void> terminated = CompletableFuture.runAsync(() -> {
            try {
                s.server.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        terminated.get(10, TimeUnit.SECONDS);
    }

    @Test
    void portInUseIsAStartupError() throws Exception {
        try (TestServer s = TestServer.start(Apps.hello())) {
            Server second = new Server(ServerConfig.builder(Apps.hello()).port(s.port()).build());
            ServerStartupException e = assertThrows(ServerStartupException.class, second::start);
            assertTrue(e.getMessage().contains("error while attempting to bind"), e.getMessage());
        }
    }

    private static boolean refused(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void theShutdownDelayKeepsServingNewConnectionsUntilItEnds() throws Exception {
        TestServer s = TestServer.start(Apps.hello(), b -> b.shutdownDelay(Duration.ofSeconds(2)));
        int port = s.port();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(s::close);
        try (RawClient c = s.raw()) { // a connection made after the shutdown began, as a load balancer may still do
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, c.response().status());
        }
        assertTrue(!closed.isDone(), "the delay has not passed yet");
        closed.get(10, TimeUnit.SECONDS);
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void aForcedCloseSkipsTheShutdownDelay() throws Exception {
        TestServer s = TestServer.start(Apps.hello(), b -> b.shutdownDelay(Duration.ofMinutes(10)));
        CompletableFuture<Void> closed = CompletableFuture.runAsync(s::close);
        s.server.forceClose();
        closed.get(10, TimeUnit.SECONDS);
    }
}
