package io.jvicorn.jakarta.websocket;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What endpoints on the server side saw, in order, for a test to await. */
final class Events {
    private static final ConcurrentLinkedQueue<String> EVENTS = new ConcurrentLinkedQueue<>();

    private Events() {
    }

    static void add(String event) {
        EVENTS.add(event);
    }

    static List<String> all() {
        return List.copyOf(EVENTS);
    }

    /** @return the events that start with {@code prefix}, in order */
    static List<String> with(String prefix) {
        return EVENTS.stream().filter(e -> e.startsWith(prefix)).toList();
    }

    static void clear() {
        EVENTS.clear();
    }
}
