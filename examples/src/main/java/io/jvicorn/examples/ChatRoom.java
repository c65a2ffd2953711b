package io.jvicorn.examples;

import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketSend;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The members of a chat and the delivery of their messages. Each member has a bounded outbox drained by its own
 * virtual thread, so a broadcast never waits for a socket: a member whose outbox is full is too slow to keep up and is
 * closed (1008) instead of holding everyone back. Thread-safe.
 */
final class ChatRoom {
    /** Messages a member may fall behind before it is dropped. */
    static final int OUTBOX = 64;

    private final Set<Member> members = ConcurrentHashMap.newKeySet();

    /**
     * Adds a member whose messages go out through {@code send}.
     *
     * @param send the member's ASGI send
     * @return the member, already receiving broadcasts
     */
    Member join(Send send) {
        Member member = new Member(send);
        members.add(member);
        member.pump.start();
        return member;
    }

    /**
     * Removes a member that left; messages still queued for it are dropped.
     *
     * @param member the member
     * @throws InterruptedException if interrupted while waiting for its last send to finish
     */
    void leave(Member member) throws InterruptedException {
        members.remove(member);
        member.end(Optional.empty());
        member.pump.join(TimeUnit.SECONDS.toMillis(5));
    }

    /** @return the number of members */
    int size() {
        return members.size();
    }

    /**
     * Queues a message for every member; never blocks.
     *
     * @param text the message
     */
    void broadcast(String text) {
        for (Member m : members) {
            if (!m.offer(text)) {
                members.remove(m);
                m.end(Optional.of(new WebSocketClose(1008, "too slow to keep up with the chat")));
            }
        }
    }

    /** One socket in the room, with its outbox and the virtual thread that sends it. */
    static final class Member {
        /** Wakes the pump to notice that the member ended; never sent. */
        private static final String WAKE = new String("wake"); // compared by identity

        private final Send send;
        private final LinkedBlockingQueue<String> outbox = new LinkedBlockingQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        /** Null while active; then the close to send, or empty to just stop. */
        private final AtomicReference<Optional<WebSocketClose>> ending = new AtomicReference<>();
        private final Thread pump = Thread.ofVirtual().name("chat-member").unstarted(this::pump);

        private Member(Send send) {
            this.send = send;
        }

        private boolean offer(String text) {
            if (queued.incrementAndGet() > OUTBOX) {
                queued.decrementAndGet();
                return false;
            }
            outbox.add(text);
            return true;
        }

        private void end(Optional<WebSocketClose> close) {
            if (ending.compareAndSet(null, close)) {
                outbox.add(WAKE);
            }
        }

        private void pump() {
            try {
                while (true) {
                    String next = outbox.take();
                    Optional<WebSocketClose> end = ending.get();
                    if (end != null) {
                        if (end.isPresent()) {
                            send.send(end.get());
                        }
                        return;
                    }
                    queued.decrementAndGet();
                    send.send(WebSocketSend.text(next));
                }
            } catch (IOException | IllegalStateException e) {
                // The socket closed (or its application closed it): nothing more to deliver.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
