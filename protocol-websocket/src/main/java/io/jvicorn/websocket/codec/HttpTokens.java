package io.jvicorn.websocket.codec;

import io.jvicorn.asgi.Header;
import java.util.ArrayList;
import java.util.List;

/** RFC 9110 tokens and comma-separated lists, as the handshake headers use them. */
final class HttpTokens {

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HttpTokens() {
    }

    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
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

    /** The elements of comma-separated lists, trimmed, without empty elements (RFC 9110 §5.6.1). */
    static List<String> listElements(List<String> values) {
        List<String> elements = new ArrayList<>();
        for (String value : values) {
            for (String element : value.split(",", -1)) {
                String trimmed = element.strip();
                if (!trimmed.isEmpty()) {
                    elements.add(trimmed);
                }
            }
        }
        return elements;
    }

    /** Whether any element of the named lists equals {@code token}, ignoring ASCII case. */
    static boolean listContains(List<Header> headers, String name, String token) {
        for (String element : listElements(values(headers, name))) {
            if (element.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
