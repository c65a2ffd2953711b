package io.jvicorn.jakarta.websocket;

import jakarta.websocket.DecodeException;
import java.util.Map;

/**
 * The conversions the specification requires without a decoder: a text message to a primitive or its box (and a
 * {@code @PathParam} segment likewise), and those values back to text.
 */
final class TextValues {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class, byte.class, Byte.class, short.class, Short.class, char.class, Character.class,
            int.class, Integer.class, long.class, Long.class, float.class, Float.class, double.class, Double.class);

    private TextValues() {
    }

    /** @return whether {@code type} is a primitive or a primitive's box */
    static boolean isPrimitiveOrBox(Class<?> type) {
        return type.isPrimitive() || BOXES.containsValue(type);
    }

    /** @return whether {@link #parse} converts text to {@code type} (String, primitives and boxes) */
    static boolean converts(Class<?> type) {
        return type == String.class || isPrimitiveOrBox(type);
    }

    /**
     * Converts text to {@code type}.
     *
     * @throws DecodeException when the text is not a value of that type
     */
    static Object parse(Class<?> type, String text) throws DecodeException {
        Class<?> box = type.isPrimitive() ? BOXES.get(type) : type;
        try {
            if (box == String.class) {
                return text;
            } else if (box == Boolean.class) {
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(text);
                }
                throw new NumberFormatException("not true or false");
            } else if (box == Byte.class) {
                return Byte.parseByte(text);
            } else if (box == Short.class) {
                return Short.parseShort(text);
            } else if (box == Integer.class) {
                return Integer.parseInt(text);
            } else if (box == Long.class) {
                return Long.parseLong(text);
            } else if (box == Float.class) {
                return Float.parseFloat(text);
            } else if (box == Double.class) {
                return Double.parseDouble(text);
            } else if (box == Character.class) {
                if (text.length() == 1) {
                    return text.charAt(0);
                }
                throw new NumberFormatException("not one character");
            }
        } catch (NumberFormatException e) {
            throw new DecodeException(text, "'" + shorten(text) + "' is not of type " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no text conversion to " + type.getName());
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
