package io.jvicorn.jakarta.websocket;

import io.jvicorn.asgi.WebSocketReceive;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Hands one received message to the session's handler for its kind, converted to the type the handler takes. A
 * message over the size limit closes the session with 1009, one with no handler for its kind with 1003; what a handler
 * throws (a failed decoding included) goes to the endpoint's {@code onError} and the session stays open, as in Tyrus.
 * A message that no decoder's {@code willDecode} accepts is dropped, as Tyrus drops it.
 * Runs on the connection's thread.
 */
final class Dispatcher {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private final JakartaSession session;
    private final Endpoint endpoint;

    Dispatcher(JakartaSession session, Endpoint endpoint) {
        this.session = session;
        this.endpoint = endpoint;
    }

    void dispatch(WebSocketReceive message) throws IOException {
        String text = message.text();
        byte[] bytes = message.bytes();
        if (text != null) {
            deliver(MessageKind.TEXT, text.length(), session.getMaxTextMessageBufferSize(), "characters",
                    type -> textValue(type, text));
        } else if (bytes != null) {
            deliver(MessageKind.BINARY, bytes.length, session.getMaxBinaryMessageBufferSize(), "bytes",
                    type -> binaryValue(type, bytes));
        }
    }

    /**
     * A pong from the client, to the pong handler if there is one. jvicorn delivers pongs once the session has sent a
     * ping (those answering the server's keepalive pings stay the server's).
     */
    void pong(byte[] payload) {
        MessageHandlers.Entry entry = session.handlers.forKind(MessageKind.PONG);
        if (entry == null) {
            return;
        }
        try {
            ByteBuffer data = ByteBuffer.wrap(payload).asReadOnlyBuffer();
            call(entry, (PongMessage) () -> data.duplicate());
        } catch (Throwable t) {
            endpoint.onError(session, unwrap(t));
        }
    }

    /** Converts a message to what its handler takes; null when no decoder will. */
    @FunctionalInterface
    private interface Conversion {
        @Nullable Object to(Class<?> type) throws DecodeException, IOException;
    }

    private void deliver(MessageKind kind, int length, int sessionLimit, String unit, Conversion conversion)
            throws IOException {
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        MessageHandlers.Entry entry = session.handlers.forKind(kind);
        if (entry == null) {
            session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "no handler for " + name
                    + " messages"));
            return;
        }
        long max = entry.maxSize() >= 0 ? entry.maxSize() : sessionLimit;
        if (length > max) {
            session.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, name + " message of " + length + " "
                    + unit + " is over the limit of " + max));
            return;
        }
        try {
            Object value = conversion.to(entry.type());
            if (value == null) {
                undecodable(entry);
                return;
            }
            call(entry, value);
        } catch (Throwable t) {
            endpoint.onError(session, unwrap(t));
        }
    }

    private @Nullable Object textValue(Class<?> type, String text) throws DecodeException, IOException {
        if (type == String.class) {
            return text;
        }
        if (type == java.io.Reader.class) {
            return new StringReader(text);
        }
        if (TextValues.isPrimitiveOrBox(type)) {
            return TextValues.parse(type, text);
        }
        return session.decoders.decodeText(type, text);
    }

    private @Nullable Object binaryValue(Class<?> type, byte[] bytes) throws DecodeException, IOException {
        if (type == byte[].class) {
            return bytes;
        }
        if (type == ByteBuffer.class) {
            return ByteBuffer.wrap(bytes);
        }
        if (type == java.io.InputStream.class) {
            return new ByteArrayInputStream(bytes);
        }
        return session.decoders.decodeBinary(type, ByteBuffer.wrap(bytes));
    }

    /** No decoder's {@code willDecode} accepted the message: it is dropped, as Tyrus drops it. */
    private void undecodable(MessageHandlers.Entry entry) {
        LOG.log(System.Logger.Level.DEBUG, "WebSocket session {0}: no decoder to {1} accepts the message; dropped",
                session.getId(), entry.type().getName());
    }

    @SuppressWarnings("unchecked")
    private static void call(MessageHandlers.Entry entry, Object value) {
        if (entry.partial()) {
            // jvicorn delivers whole messages: each is one part, the last.
            ((MessageHandler.Partial<Object>) entry.handler()).onMessage(value, true);
        } else {
            ((MessageHandler.Whole<Object>) entry.handler()).onMessage(value);
        }
    }

    private static Throwable unwrap(Throwable t) {
        @Nullable Throwable cause = t.getCause();
        return t instanceof AnnotatedEndpoint.EndpointFailure && cause != null ? cause : t;
    }
}
