package io.jvicorn.jakarta.websocket;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One session's encoder instances, for {@code sendObject} and {@code @OnMessage} return values: the deployment's
 * encoders first, then the built-in ones (String, primitives and boxes as text; ByteBuffer and byte[] as binary).
 * Instances are created and initialised with the session and destroyed with it; {@code sendObject} may run on any
 * thread, so each encoding holds this object's lock (encoders are not required to be thread-safe).
 */
final class Encoders {
    /** What an encoder class encodes, and how. */
    record Kind(Class<? extends Encoder> encoder, Class<?> type, boolean text, boolean stream) {
    }

    /** An encoded message: exactly one of the two is non-null. */
    record Encoded(@Nullable String text, @Nullable ByteBuffer bytes) {
    }

    private record Instance(Kind kind, Encoder encoder) {
    }

    private final List<Instance> instances;

    private Encoders(List<Instance> instances) {
        this.instances = instances;
    }

    /**
     * Classifies an encoder class.
     *
     * @throws DeploymentException when it implements none of the four encoder interfaces with a known type
     */
    static Kind kindOf(Class<? extends Encoder> c) throws DeploymentException {
        Class<?> type;
        if ((type = TypeArguments.of(c, Encoder.Text.class)) != null) {
            return new Kind(c, type, true, false);
        }
        if ((type = TypeArguments.of(c, Encoder.TextStream.class)) != null) {
            return new Kind(c, type, true, true);
        }
        if ((type = TypeArguments.of(c, Encoder.Binary.class)) != null) {
            return new Kind(c, type, false, false);
        }
        if ((type = TypeArguments.of(c, Encoder.BinaryStream.class)) != null) {
            return new Kind(c, type, false, true);
        }
        throw new DeploymentException("encoder " + c.getName()
                + " implements none of Encoder.Text, TextStream, Binary, BinaryStream with a concrete type");
    }

    /**
     * Creates and initialises a session's encoders.
     *
     * @throws InstantiationException when an encoder has no public no-argument constructor or its constructor fails
     */
    static Encoders create(List<Kind> kinds, EndpointConfig config) throws InstantiationException {
        List<Instance> instances = new ArrayList<>(kinds.size());
        for (Kind k : kinds) {
            Encoder e = Reflection.instantiate(k.encoder());
            e.init(config);
            instances.add(new Instance(k, e));
        }
        return new Encoders(instances);
    }

    /**
     * Encodes an object to a text or binary message.
     *
     * @throws EncodeException when no encoder takes its type, or the encoder failed
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    synchronized Encoded encode(Object value) throws EncodeException, IOException {
        for (Instance i : instances) {
            if (!i.kind().type().isInstance(value)) {
                continue;
            }
            Encoder e = i.encoder();
            if (i.kind().text() && !i.kind().stream()) {
                return new Encoded(((Encoder.Text) e).encode(value), null);
            } else if (i.kind().text()) {
                StringWriter w = new StringWriter();
                ((Encoder.TextStream) e).encode(value, w);
                return new Encoded(w.toString(), null);
            } else if (!i.kind().stream()) {
                return new Encoded(null, ((Encoder.Binary) e).encode(value));
            } else {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ((Encoder.BinaryStream) e).encode(value, out);
                return new Encoded(null, ByteBuffer.wrap(out.toByteArray()));
            }
        }
        if (value instanceof String s) {
            return new Encoded(s, null);
        }
        if (TextValues.isPrimitiveOrBox(value.getClass())) {
            return new Encoded(value.toString(), null);
        }
        if (value instanceof ByteBuffer b) {
            return new Encoded(null, b);
        }
        if (value instanceof byte[] b) {
            return new Encoded(null, ByteBuffer.wrap(b));
        }
        throw new EncodeException(value, "no encoder for " + value.getClass().getName()
                + " (the endpoint's encoders take " + types() + ")");
    }

    private List<String> types() {
        List<String> out = new ArrayList<>();
        for (Instance i : instances) {
            out.add(i.kind().type().getName());
        }
        return out;
    }

    /** Calls every encoder's {@link Encoder#destroy}. */
    synchronized void destroy() {
        for (Instance i : instances) {
            i.encoder().destroy();
        }
    }
}
