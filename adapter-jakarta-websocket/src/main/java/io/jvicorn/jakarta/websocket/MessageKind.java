package io.jvicorn.jakarta.websocket;

import jakarta.websocket.PongMessage;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which frames a message handler of a given type takes (the specification allows one handler per kind), and whether
 * that type may be delivered in parts.
 */
enum MessageKind {
    TEXT, BINARY, PONG;

    /**
     * Classifies a handler's message type.
     *
     * @param type     the type the handler takes
     * @param decoders the endpoint's decoders
     * @return the kind, or null when neither built in nor decodable
     */
    static @Nullable MessageKind of(Class<?> type, List<Decoders.Kind> decoders) {
        if (type == String.class || type == Reader.class || TextValues.isPrimitiveOrBox(type)) {
            return TEXT;
        }
        if (type == ByteBuffer.class || type == byte[].class || type == InputStream.class) {
            return BINARY;
        }
        if (type == PongMessage.class) {
            return PONG;
        }
        for (Decoders.Kind d : Decoders.decoding(decoders, type)) {
            return d.text() ? TEXT : BINARY;
        }
        return null;
    }

    /** @return whether a {@code MessageHandler.Partial} (or an {@code @OnMessage} with {@code boolean last}) may take it */
    static boolean partialAllowed(Class<?> type) {
        return type == String.class || type == ByteBuffer.class || type == byte[].class;
    }
}
