package io.jvicorn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.SendEvent;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketSend;
import io.jvicorn.testing.TestClient;
import io.jvicorn.testing.TestResponse;
import io.jvicorn.testing.TestWebSocket;
import io.jvicorn.testing.WebSocketDeniedException;
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
        try (TestClient client = TestClient.of(new ChatApp())) {
            TestResponse page = client.get("/");
            assertEquals(200, page.status());
            assertTrue(page.text().contains("new WebSocket("), page.text());
            assertEquals(404, client.get("/nope").status());
        }
    }

    @Test
    void socketsElsewhereThanWsAreRefused() throws Exception {
        try (TestClient client = TestClient.of(new ChatApp())) {
            assertEquals(403, assertThrows(WebSocketDeniedException.class, () -> client.websocket("/other")).status());
        }
    }

    @Test
    void messagesGoToEveryMember() throws Exception {
        ChatApp app = new ChatApp();
        try (TestClient client = TestClient.of(app);
             TestWebSocket alice = client.websocket("/ws")) {
            assertEquals("* guest-1 joined", alice.receiveText());
            try (TestWebSocket bob = client.websocket("/ws")) {
                assertEquals("* guest-2 joined", alice.receiveText());
                assertEquals("* guest-2 joined", bob.receiveText());
                alice.sendText("hello bob");
                assertEquals("guest-1: hello bob", bob.receiveText());
                assertEquals("guest-1: hello bob", alice.receiveText(), "the sender sees its own message");
            }
            assertEquals("* guest-2 left", alice.receiveText());
            assertEquals(1, app.members());
        }
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
