package io.jvicorn.jakarta.websocket;

import jakarta.websocket.MessageHandler;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A session's message handlers, at most one per {@link MessageKind}. Handlers may be added and removed from any
 * thread, so every access holds this object's lock (never across a handler call: {@link #forKind} returns the entry).
 */
final class MessageHandlers {
    /**
     * A registered handler.
     *
     * @param maxSize the largest message it takes, or -1 for the session's limit ({@code @OnMessage(maxMessageSize)})
     */
    record Entry(MessageHandler handler, Class<?> type, boolean partial, MessageKind kind, long maxSize) {
    }

    private final List<Decoders.Kind> decoders;
    private final Map<MessageKind, Entry> byKind = new EnumMap<>(MessageKind.class);

    MessageHandlers(List<Decoders.Kind> decoders) {
        this.decoders = decoders;
    }

    /**
     * Adds a handler whose type argument is known at run time.
     *
     * @throws IllegalStateException when the type cannot be found (a lambda), is not handled, or its kind is taken
     */
    void add(MessageHandler handler) {
        boolean partial = handler instanceof MessageHandler.Partial<?>;
        Class<?> type = partial ? TypeArguments.of(handler.getClass(), MessageHandler.Partial.class)
                : TypeArguments.of(handler.getClass(), MessageHandler.Whole.class);
        if (!(handler instanceof MessageHandler.Partial<?>) && !(handler instanceof MessageHandler.Whole<?>)) {
            throw new IllegalStateException(handler.getClass().getName()
                    + " implements neither MessageHandler.Whole nor MessageHandler.Partial");
        }
        if (type == null) {
            throw new IllegalStateException("the message type of " + handler.getClass().getName()
                    + " is not known at run time (a lambda?); use addMessageHandler(Class, handler)");
        }
        add(handler, type, partial, -1);
    }

    /**
     * Adds a handler for {@code type}.
     *
     * @throws IllegalStateException when the type is not handled or its kind already has a handler
     */
    synchronized void add(MessageHandler handler, Class<?> type, boolean partial, long maxSize) {
        MessageKind kind = MessageKind.of(type, decoders);
        if (kind == null) {
            throw new IllegalStateException("no decoder for " + type.getName()
                    + ": a message handler takes String, Reader, a primitive, ByteBuffer, byte[], InputStream, "
                    + "PongMessage or a type one of the endpoint's decoders produces");
        }
        if (partial && !MessageKind.partialAllowed(type)) {
            throw new IllegalStateException("a partial message handler takes String, ByteBuffer or byte[], not "
                    + type.getName());
        }
        if (kind == MessageKind.PONG && partial) {
            throw new IllegalStateException("pong messages cannot be partial");
        }
        Entry existing = byKind.get(kind);
        if (existing != null) {
            throw new IllegalStateException("the session already has a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " message handler (" + existing.handler().getClass().getName() + ")");
        }
        byKind.put(kind, new Entry(handler, type, partial, kind, maxSize));
    }

    synchronized void remove(MessageHandler handler) {
        byKind.values().removeIf(e -> e.handler() == handler);
    }

    synchronized Set<MessageHandler> all() {
        Set<MessageHandler> out = new LinkedHashSet<>();
        for (Entry e : byKind.values()) {
            out.add(e.handler());
        }
        return Set.copyOf(out);
    }

    synchronized @Nullable Entry forKind(MessageKind kind) {
        return byKind.get(kind);
    }
}
