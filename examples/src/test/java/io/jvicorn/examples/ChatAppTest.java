package io.jvicorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.SendEvent;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketSend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ChatAppTest {

    private static CompletableFuture<Void> member(ChatApp app, FakeSocket socket) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                app.call(FakeSocket.scope("/ws", List.of()), socket.receive(), socket.send());
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    @Test
    void servesThePage() throws Exception {
        FakeExchange exchange = new FakeExchange();
        new ChatApp().call(FakeExchange.get("/"), exchange.receive(), exchange.send());
        assertEquals(200, exchange.start().status());
        assertTrue(exchange.body().contains("new WebSocket("), exchange.body());
        FakeExchange missing = new FakeExchange();
        new ChatApp().call(FakeExchange.get("/nope"), missing.receive(), missing.send());
        assertEquals(404, missing.start().status());
    }

    @Test
    void socketsElsewhereThanWsAreRefused() throws Exception {
        FakeSocket socket = new FakeSocket();
        new ChatApp().call(FakeSocket.scope("/other", List.of()), socket.receive(), socket.send());
        assertEquals(List.of(new WebSocketClose()), socket.sent);
    }

    @Test
    void messagesGoToEveryMember() throws Exception {
        ChatApp app = new ChatApp();
        FakeSocket alice = new FakeSocket();
        CompletableFuture<Void> aliceDone = member(app, alice);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> alice.texts().contains("* guest-1 joined"));
        FakeSocket bob = new FakeSocket();
        CompletableFuture<Void> bobDone = member(app, bob);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> alice.texts().contains("* guest-2 joined"));
        alice.client("hello bob");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> bob.texts().contains("guest-1: hello bob"));
        assertTrue(alice.texts().contains("guest-1: hello bob"), "the sender sees its own message");
        assertEquals(new WebSocketAccept(), bob.sent.get(0));
        bob.disconnect();
        bobDone.get(5, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> alice.texts().contains("* guest-2 left"));
        assertEquals(1, app.members());
        alice.disconnect();
        aliceDone.get(5, TimeUnit.SECONDS);
        assertEquals(0, app.members());
    }

    @Test
    void aSlowMemberIsDroppedWithoutHoldingUpTheOthers() throws Exception {
        ChatApp app = new ChatApp();
        FakeSocket fast = new FakeSocket();
        CompletableFuture<Void> fastDone = member(app, fast);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> app.members() == 1);
        CountDownLatch unblock = new CountDownLatch(1);
        FakeSocket slow = new FakeSocket();
        List<SendEvent> slowSent = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> slowDone = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                app.call(FakeSocket.scope("/ws", List.of()), slow.receive(), event -> {
                    slowSent.add(event);
                    if (event instanceof WebSocketSend) {
                        unblock.await(); // a client that stopped reading: every message send parks
                    }
                });
                slowDone.complete(null);
            } catch (Throwable t) {
                slowDone.completeExceptionally(t);
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> app.members() == 2);
        // One at a time, as a person types: the fast member keeps up, the slow one falls behind.
        for (int i = 0; i < ChatRoom.OUTBOX + 5; i++) {
            String line = "guest-1: m" + i;
            fast.client("m" + i);
            Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .atMost(Duration.ofSeconds(5)).until(() -> fast.texts().contains(line));
        }
        assertEquals(1, app.members(), "the slow member was dropped");
        unblock.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> slowSent.get(slowSent.size() - 1) instanceof WebSocketClose);
        WebSocketClose close = assertInstanceOf(WebSocketClose.class, slowSent.get(slowSent.size() - 1));
        assertEquals(1008, close.code());
        slow.disconnect();
        fast.disconnect();
        slowDone.get(5, TimeUnit.SECONDS);
        fastDone.get(5, TimeUnit.SECONDS);
    }
}
