package io.jvicorn.jakarta.websocket;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One session's decoder instances (the specification makes one set per connection): each is created, given
 * {@link Decoder#init} at the start and {@link Decoder#destroy} at the end. Used by the session's thread only.
 */
final class Decoders {
    /** How a decoder class decodes, and to what. */
    record Kind(Class<? extends Decoder> decoder, Class<?> type, boolean text, boolean stream) {
    }

    private record Instance(Kind kind, Decoder decoder) {
    }

    private final List<Instance> instances;

    private Decoders(List<Instance> instances) {
        this.instances = instances;
    }

    /**
     * Classifies a decoder class.
     *
     * @throws DeploymentException when it implements none of the four decoder interfaces with a known type
     */
    static Kind kindOf(Class<? extends Decoder> c) throws DeploymentException {
        Class<?> type;
        if ((type = TypeArguments.of(c, Decoder.Text.class)) != null) {
            return new Kind(c, type, true, false);
        }
        if ((type = TypeArguments.of(c, Decoder.TextStream.class)) != null) {
            return new Kind(c, type, true, true);
        }
        if ((type = TypeArguments.of(c, Decoder.Binary.class)) != null) {
            return new Kind(c, type, false, false);
        }
        if ((type = TypeArguments.of(c, Decoder.BinaryStream.class)) != null) {
            return new Kind(c, type, false, true);
        }
        throw new DeploymentException("decoder " + c.getName()
                + " implements none of Decoder.Text, TextStream, Binary, BinaryStream with a concrete type");
    }

    /** @return the kinds of the decoders in {@code classes} that decode to {@code type} (or a subtype) */
    static List<Kind> decoding(List<Kind> kinds, Class<?> type) {
        List<Kind> out = new ArrayList<>();
        for (Kind k : kinds) {
            if (type.isAssignableFrom(k.type())) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * Creates and initialises a session's decoders.
     *
     * @throws InstantiationException when a decoder has no public no-argument constructor or its constructor fails
     */
    static Decoders create(List<Kind> kinds, EndpointConfig config) throws InstantiationException {
        List<Instance> instances = new ArrayList<>(kinds.size());
        for (Kind k : kinds) {
            Decoder d = Reflection.instantiate(k.decoder());
            d.init(config);
            instances.add(new Instance(k, d));
        }
        return new Decoders(instances);
    }

    /**
     * Decodes a text message to {@code type} with the first decoder of that type willing to.
     *
     * @return the object, or null when no decoder will decode this message
     */
    @Nullable Object decodeText(Class<?> type, String text) throws DecodeException, IOException {
        for (Instance i : instances) {
            if (!i.kind().text() || !type.isAssignableFrom(i.kind().type())) {
                continue;
            }
            if (i.kind().stream()) {
                try (Reader reader = new StringReader(text)) {
                    return ((Decoder.TextStream<?>) i.decoder()).decode(reader);
                }
            }
            Decoder.Text<?> d = (Decoder.Text<?>) i.decoder();
            if (d.willDecode(text)) {
                return d.decode(text);
            }
        }
        return null;
    }

    /**
     * Decodes a binary message to {@code type} with the first decoder of that type willing to.
     *
     * @return the object, or null when no decoder will decode this message
     */
    @Nullable Object decodeBinary(Class<?> type, ByteBuffer bytes) throws DecodeException, IOException {
        for (Instance i : instances) {
            if (i.kind().text() || !type.isAssignableFrom(i.kind().type())) {
                continue;
            }
            if (i.kind().stream()) {
                try (InputStream in = new ByteBufferInputStream(bytes.duplicate())) {
                    return ((Decoder.BinaryStream<?>) i.decoder()).decode(in);
                }
            }
            Decoder.Binary<?> d = (Decoder.Binary<?>) i.decoder();
            if (d.willDecode(bytes.duplicate())) {
                return d.decode(bytes.duplicate());
            }
        }
        return null;
    }

    /** Calls every decoder's {@link Decoder#destroy}. */
    void destroy() {
        for (Instance i : instances) {
            i.decoder().destroy();
        }
    }
}
