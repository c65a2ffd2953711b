package io.jvicorn.websocket.codec;

import io.jvicorn.asgi.Header;
import io.jvicorn.http.HttpSyntax;
import java.util.ArrayList;
import java.util.List;

/** The handshake's header fields by name, and their comma-separated lists (the syntax is {@link HttpSyntax}'s). */
final class FieldValues {

    private FieldValues() {
    }

    /** The values of every field with this name, in order. */
    static List<String> values(List<Header> headers, String name) {
        List<String> values = new ArrayList<>(1);
        for (Header header : headers) {
            if (header.is(name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    /** The non-empty elements of the lists, in order (several fields form one list). */
    static List<String> listElements(List<String> values) {
        List<String> elements = new ArrayList<>();
        for (String value : values) {
            elements.addAll(HttpSyntax.listElements(value));
        }
        return elements;
    }

    /** Whether any element of the named lists equals {@code lowerToken}, ignoring ASCII case. */
    static boolean listContains(List<Header> headers, String name, String lowerToken) {
        for (Header header : headers) {
            if (header.is(name) && HttpSyntax.listContains(header.value(), lowerToken)) {
                return true;
            }
        }
        return false;
    }
}
