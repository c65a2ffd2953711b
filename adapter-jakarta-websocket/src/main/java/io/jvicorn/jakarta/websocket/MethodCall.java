package io.jvicorn.jakarta.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An annotated method and where each of its arguments comes from, fixed at deployment. {@link #invoke} fills them in
 * from one call's {@link Args}. Immutable.
 */
final class MethodCall {
    /** Where an argument comes from. */
    enum Source { SESSION, CONFIG, CLOSE_REASON, THROWABLE, PATH, MESSAGE, LAST }

    private record Binding(Source source, Class<?> type, @Nullable String pathName) {
    }

    /** One call's values; each callback sets those its kind provides. */
    static final class Args {
        @Nullable Session session;
        @Nullable EndpointConfig config;
        @Nullable CloseReason closeReason;
        @Nullable Throwable throwable;
        @Nullable Object message;
        boolean last;
        Map<String, String> path = Map.of();
    }

    private final Method method;
    private final List<Binding> bindings;

    private MethodCall(Method method, List<Binding> bindings) {
        this.method = method;
        this.bindings = bindings;
    }

    /**
     * Binds a lifecycle method's parameters.
     *
     * @param allowed the parameter types the annotation allows, besides {@code @PathParam}
     * @throws DeploymentException naming the method and the parameter that is not allowed
     */
    static MethodCall of(Method m, UriTemplate template, Map<Class<?>, Source> allowed) throws DeploymentException {
        return of(m, template, allowed, -1, -1);
    }

    /** As {@link #of(Method, UriTemplate, Map)}, with the positions of an {@code @OnMessage}'s message and last flag. */
    static MethodCall of(Method m, UriTemplate template, Map<Class<?>, Source> allowed, int message, int last)
            throws DeploymentException {
        Parameter[] params = m.getParameters();
        Binding[] bindings = new Binding[params.length];
        boolean[] seen = new boolean[Source.values().length];
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            Class<?> type = p.getType();
            PathParam path = p.getAnnotation(PathParam.class);
            Source source;
            if (i == message) {
                source = Source.MESSAGE;
            } else if (i == last) {
                source = Source.LAST;
            } else if (path != null) {
                if (!TextValues.converts(type)) {
                    throw new DeploymentException(AnnotatedModel.name(m) + ": @PathParam(\"" + path.value()
                            + "\") must be a String or a primitive, not " + type.getName());
                }
                if (type.isPrimitive() && !template.variableNames().contains(path.value())) {
                    throw new DeploymentException(AnnotatedModel.name(m) + ": @PathParam(\"" + path.value()
                            + "\") is a primitive but the path " + template + " has no such variable");
                }
                bindings[i] = new Binding(Source.PATH, type, path.value());
                continue;
            } else {
                source = allowedSource(allowed, type);
                if (source == null) {
                    throw new DeploymentException(AnnotatedModel.name(m) + ": parameter " + i + " of type "
                            + type.getName() + " is not allowed here (allowed: " + allowed.keySet().stream()
                            .map(Class::getSimpleName).sorted().toList() + " and @PathParam)");
                }
            }
            if (seen[source.ordinal()]) {
                throw new DeploymentException(AnnotatedModel.name(m) + ": parameter " + i + " repeats a "
                        + type.getSimpleName() + " parameter");
            }
            seen[source.ordinal()] = true;
            bindings[i] = new Binding(source, type, null);
        }
        return new MethodCall(m, Arrays.asList(bindings));
    }

    private static @Nullable Source allowedSource(Map<Class<?>, Source> allowed, Class<?> type) {
        Source exact = allowed.get(type);
        if (exact != null) {
            return exact;
        }
        // An @OnError method may declare any Throwable type it handles.
        if (allowed.containsKey(Throwable.class) && Throwable.class.isAssignableFrom(type)) {
            return Source.THROWABLE;
        }
        return null;
    }

    Method method() {
        return method;
    }

    boolean has(Source source) {
        for (Binding b : bindings) {
            if (b.source() == source) {
                return true;
            }
        }
        return false;
    }

    /** Whether this method takes the throwable (an {@code @OnError} declaring a narrower type than Throwable). */
    boolean accepts(Throwable t) {
        for (Binding b : bindings) {
            if (b.source() == Source.THROWABLE) {
                return b.type().isInstance(t);
            }
        }
        return true;
    }

    /**
     * Calls the method.
     *
     * @return what it returned (null for void)
     * @throws DecodeException when a path segment is not a value of its parameter's type
     * @throws Exception       what the method threw, unwrapped
     */
    @Nullable Object invoke(Object target, Args args) throws Exception {
        Object[] values = new Object[bindings.size()];
        for (int i = 0; i < values.length; i++) {
            Binding b = bindings.get(i);
            values[i] = switch (b.source()) {
                case SESSION -> args.session;
                case CONFIG -> args.config;
                case CLOSE_REASON -> args.closeReason;
                case THROWABLE -> args.throwable;
                case MESSAGE -> args.message;
                case LAST -> args.last;
                case PATH -> {
                    String value = args.path.get(b.pathName());
                    yield value == null ? null : TextValues.parse(b.type(), value);
                }
            };
        }
        try {
            return method.invoke(target, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
