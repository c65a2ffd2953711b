package io.jvicorn.jakarta.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What deployment learns from an annotated endpoint class, checked as the specification requires (§4): at most one
 * {@code @OnOpen}, {@code @OnClose} and {@code @OnError}, at most one {@code @OnMessage} per message kind (text,
 * binary, pong), each method public and not static, with only the parameters its annotation allows, a message type
 * that is built in or has a decoder, and a return value that can be encoded. Immutable.
 */
final class AnnotatedModel {
    private static final List<Class<? extends Annotation>> LIFECYCLE =
            List.of(OnOpen.class, OnClose.class, OnError.class, OnMessage.class);

    final Class<?> type;
    final @Nullable MethodCall onOpen;
    final @Nullable MethodCall onClose;
    final @Nullable MethodCall onError;
    final List<MessageMethod> onMessage;

    /**
     * One {@code @OnMessage} method.
     *
     * @param maxSize the annotation's {@code maxMessageSize}, -1 for the session's limit
     */
    record MessageMethod(MethodCall call, Class<?> messageType, boolean partial, MessageKind kind, long maxSize) {
    }

    private AnnotatedModel(Class<?> type, @Nullable MethodCall onOpen, @Nullable MethodCall onClose,
                           @Nullable MethodCall onError, List<MessageMethod> onMessage) {
        this.type = type;
        this.onOpen = onOpen;
        this.onClose = onClose;
        this.onError = onError;
        this.onMessage = List.copyOf(onMessage);
    }

    /**
     * Checks an annotated endpoint class.
     *
     * @throws DeploymentException naming the first method (and parameter) that breaks a rule
     */
    static AnnotatedModel of(Class<?> c, UriTemplate template, List<Decoders.Kind> decoders,
                             List<Encoders.Kind> encoders) throws DeploymentException {
        rejectHiddenMethods(c);
        MethodCall open = null;
        MethodCall close = null;
        MethodCall error = null;
        List<MessageMethod> messages = new ArrayList<>();
        Map<MessageKind, Method> kinds = new EnumMap<>(MessageKind.class);
        for (Method m : c.getMethods()) {
            int count = 0;
            for (Class<? extends Annotation> a : LIFECYCLE) {
                if (m.isAnnotationPresent(a)) {
                    count++;
                }
            }
            if (count > 1) {
                throw new DeploymentException(name(m) + " has more than one of @OnOpen, @OnClose, @OnError, @OnMessage");
            }
            if (m.isAnnotationPresent(OnOpen.class)) {
                open = single(open, m, "@OnOpen", MethodCall.of(m, template, Map.of(
                        Session.class, MethodCall.Source.SESSION, EndpointConfig.class, MethodCall.Source.CONFIG)));
            } else if (m.isAnnotationPresent(OnClose.class)) {
                close = single(close, m, "@OnClose", MethodCall.of(m, template, Map.of(
                        Session.class, MethodCall.Source.SESSION, CloseReason.class, MethodCall.Source.CLOSE_REASON)));
            } else if (m.isAnnotationPresent(OnError.class)) {
                MethodCall call = MethodCall.of(m, template, Map.of(
                        Session.class, MethodCall.Source.SESSION, Throwable.class, MethodCall.Source.THROWABLE));
                if (!call.has(MethodCall.Source.THROWABLE)) {
                    throw new DeploymentException(name(m) + ": an @OnError method needs a Throwable parameter");
                }
                error = single(error, m, "@OnError", call);
            } else if (m.isAnnotationPresent(OnMessage.class)) {
                MessageMethod mm = message(m, template, decoders, encoders);
                Method previous = kinds.put(mm.kind(), m);
                if (previous != null) {
                    throw new DeploymentException(name(m) + " and " + name(previous) + " both take "
                            + mm.kind().name().toLowerCase(java.util.Locale.ROOT) + " messages; an endpoint has at "
                            + "most one @OnMessage per message kind");
                }
                messages.add(mm);
            }
        }
        return new AnnotatedModel(c, open, close, error, messages);
    }

    private static @Nullable MethodCall single(@Nullable MethodCall existing, Method m, String annotation,
                                               MethodCall call) throws DeploymentException {
        if (existing != null) {
            throw new DeploymentException(name(m) + " and " + name(existing.method()) + " are both " + annotation
                    + "; an endpoint has at most one");
        }
        return call;
    }

    /** Annotated methods that {@link Class#getMethods} does not show: not public, or static. */
    private static void rejectHiddenMethods(Class<?> c) throws DeploymentException {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                for (Class<? extends Annotation> a : LIFECYCLE) {
                    if (!m.isAnnotationPresent(a)) {
                        continue;
                    }
                    if (!Modifier.isPublic(m.getModifiers())) {
                        throw new DeploymentException(name(m) + " is @" + a.getSimpleName() + " but not public");
                    }
                    if (Modifier.isStatic(m.getModifiers())) {
                        throw new DeploymentException(name(m) + " is @" + a.getSimpleName() + " but static");
                    }
                }
            }
        }
    }

    private static MessageMethod message(Method m, UriTemplate template, List<Decoders.Kind> decoders,
                                         List<Encoders.Kind> encoders) throws DeploymentException {
        // The message parameter is the first one that is neither the Session nor a @PathParam; a boolean after it
        // makes the method partial.
        Parameter[] params = m.getParameters();
        int message = -1;
        int last = -1;
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            if (p.getType() == Session.class || p.isAnnotationPresent(PathParam.class)) {
                continue;
            }
            if (message < 0) {
                message = i;
            } else if (last < 0 && p.getType() == boolean.class) {
                last = i;
            } else {
                throw new DeploymentException(name(m) + ": parameter " + i + " (" + p.getType().getName()
                        + ") is not allowed in @OnMessage (one message parameter, an optional boolean 'last', the "
                        + "Session and @PathParam parameters)");
            }
        }
        if (message < 0) {
            throw new DeploymentException(name(m) + ": an @OnMessage method needs a message parameter");
        }
        Class<?> type = params[message].getType();
        boolean partial = last >= 0;
        MessageKind kind = MessageKind.of(type, decoders);
        if (kind == null) {
            throw new DeploymentException(name(m) + ": no decoder for the message type " + type.getName()
                    + " (built in: String, Reader, primitives, ByteBuffer, byte[], InputStream, PongMessage)");
        }
        if (partial && !MessageKind.partialAllowed(type)) {
            throw new DeploymentException(name(m) + ": a partial @OnMessage (with boolean 'last') takes String, "
                    + "ByteBuffer or byte[], not " + type.getName());
        }
        Class<?> returns = m.getReturnType();
        if (returns != void.class && !encodable(returns, encoders)) {
            throw new DeploymentException(name(m) + ": no encoder for the return type " + returns.getName());
        }
        if (kind == MessageKind.PONG && returns != void.class) {
            throw new DeploymentException(name(m) + ": a pong @OnMessage method returns void");
        }
        MethodCall call = MethodCall.of(m, template, Map.of(Session.class, MethodCall.Source.SESSION),
                message, last);
        long max = m.getAnnotation(OnMessage.class).maxMessageSize();
        return new MessageMethod(call, type, partial, kind, max);
    }

    private static boolean encodable(Class<?> type, List<Encoders.Kind> encoders) {
        if (TextValues.converts(type) || type == ByteBuffer.class || type == byte[].class) {
            return true;
        }
        for (Encoders.Kind k : encoders) {
            if (k.type().isAssignableFrom(type) || type.isAssignableFrom(k.type())) {
                return true;
            }
        }
        return false;
    }

    static String name(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName() + "()";
    }
}
