package io.jvicorn.jakarta.websocket;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the class a generic interface is instantiated with ({@code T} of {@code Decoder.Text<T>} implemented by a
 * class, or of {@code MessageHandler.Whole<T>}), following superclasses and superinterfaces and substituting type
 * variables on the way.
 */
final class TypeArguments {
    private TypeArguments() {
    }

    /**
     * @param type    the implementing class
     * @param generic the generic interface, with one type parameter
     * @return the raw class of its type argument, or null when {@code type} does not implement it or the argument is
     *         not known at run time (a lambda, or a type variable left open)
     */
    static @Nullable Class<?> of(Class<?> type, Class<?> generic) {
        return find(type, generic, new HashMap<>());
    }

    private static @Nullable Class<?> find(Type type, Class<?> generic, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        if (type instanceof ParameterizedType p) {
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] params = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            Map<TypeVariable<?>, Type> inner = new HashMap<>(bindings);
            for (int i = 0; i < params.length; i++) {
                inner.put(params[i], substitute(args[i], bindings));
            }
            bindings = inner;
            if (raw == generic) {
                return rawClass(bindings.get(params[0]));
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
            if (raw == generic) {
                return null; // the raw interface itself: no argument
            }
        } else {
            return null;
        }
        for (Type t : raw.getGenericInterfaces()) {
            Class<?> found = find(t, generic, bindings);
            if (found != null) {
                return found;
            }
        }
        Type sup = raw.getGenericSuperclass();
        return sup == null ? null : find(sup, generic, bindings);
    }

    private static Type substitute(Type t, Map<TypeVariable<?>, Type> bindings) {
        if (t instanceof TypeVariable<?> v && bindings.containsKey(v)) {
            return bindings.get(v);
        }
        return t;
    }

    private static @Nullable Class<?> rawClass(@Nullable Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (t instanceof GenericArrayType a) {
            Class<?> component = rawClass(a.getGenericComponentType());
            return component == null ? null : component.arrayType();
        }
        return null;
    }
}
