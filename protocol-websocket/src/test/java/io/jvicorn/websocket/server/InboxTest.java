package io.jvicorn.websocket.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketReceive;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class InboxTest {
    private static WebSocketReceive text(String s) {
        return new WebSocketReceive(null, s);
    }

    @Test
    void deliversMessagesInOrderThenTheDisconnectForever() throws Exception {
        Inbox inbox = new Inbox(8, () -> { });
        inbox.offer(text("a"));
        inbox.offer(text("b"));
        inbox.finish(new WebSocketDisconnect(1000, "bye"));
        inbox.finish(new WebSocketDisconnect(1006, ""));
        inbox.offer(text("after the end"));
        assertEquals(text("a"), inbox.take());
        assertEquals(text("b"), inbox.take());
        assertEquals(new WebSocketDisconnect(1000, "bye"), inbox.take());
        assertEquals(new WebSocketDisconnect(1000, "bye"), inbox.take());
    }

    @Test
    void reportsFullAtCapacityAndCallsBackOnceThereIsRoom() throws Exception {
        AtomicInteger room = new AtomicInteger();
        Inbox inbox = new Inbox(2, room::incrementAndGet);
        assertFalse(inbox.offer(text("1")));
        assertTrue(inbox.offer(text("2")));
        assertTrue(inbox.isFull());
        inbox.take();
        assertEquals(1, room.get(), "room again: the loop is told once");
        assertFalse(inbox.isFull());
        inbox.take();
        assertEquals(1, room.get(), "not full since: no second call");
    }

    @Test
    void noCallbackWhenTheLoopNeverWaited() throws Exception {
        AtomicInteger room = new AtomicInteger();
        Inbox inbox = new Inbox(3, room::incrementAndGet);
        inbox.offer(text("1"));
        inbox.take();
        assertEquals(0, room.get());
    }

    @Test
    void takeWaitsForAMessageOrTheEnd() throws Exception {
        Inbox inbox = new Inbox(4, () -> { });
        CompletableFuture<ReceiveEvent> taken = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                taken.complete(inbox.take());
            } catch (InterruptedException e) {
                taken.completeExceptionally(e);
            }
        });
        Awaitility.await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> !taken.isDone());
        inbox.finish(new WebSocketDisconnect(1006, ""));
        assertEquals(new WebSocketDisconnect(1006, ""), taken.get(5, TimeUnit.SECONDS));
        assertTrue(inbox.isFinished());
    }
}
