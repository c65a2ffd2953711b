package io.jvicorn.websocket.codec;

import io.jvicorn.http.HttpSyntax;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code Sec-WebSocket-Extensions} (RFC 6455 §9.1): a comma-separated list of extensions, each a token followed
 * by {@code ; name} or {@code ; name=value} parameters, where a value is a token or a quoted string.
 */
final class ExtensionHeaderParser {

    private final String text;
    private int pos;

    private ExtensionHeaderParser(String text) {
        this.text = text;
    }

    /**
     * Parses every field value, in order.
     *
     * @param values the header values
     * @return the offers
     * @throws IllegalArgumentException on a syntax error
     */
    static List<ExtensionOffer> parse(List<String> values) {
        List<ExtensionOffer> offers = new ArrayList<>();
        for (String value : values) {
            new ExtensionHeaderParser(value).parseInto(offers);
        }
        return offers;
    }

    private void parseInto(List<ExtensionOffer> offers) {
        while (true) {
            skipWhitespace();
            if (atEnd()) {
                return;
            }
            if (peek() == ',') {
                pos++; // an empty list element, which RFC 9110 §5.6.1 says to ignore
                continue;
            }
            String name = token("extension name");
            List<ExtensionOffer.Parameter> parameters = new ArrayList<>();
            skipWhitespace();
            while (!atEnd() && peek() == ';') {
                pos++;
                skipWhitespace();
                String parameterName = token("parameter name");
                skipWhitespace();
                String value = null;
                if (!atEnd() && peek() == '=') {
                    pos++;
                    skipWhitespace();
                    value = !atEnd() && peek() == '"' ? quotedString() : token("parameter value");
                    skipWhitespace();
                }
                parameters.add(new ExtensionOffer.Parameter(parameterName, value));
            }
            offers.add(new ExtensionOffer(name, parameters));
            if (!atEnd()) {
                if (peek() != ',') {
                    throw new IllegalArgumentException("unexpected '" + peek() + "' at " + pos);
                }
                pos++;
            }
        }
    }

    private String token(String what) {
        int start = pos;
        while (!atEnd() && HttpSyntax.isTchar(peek())) {
            pos++;
        }
        if (pos == start) {
            throw new IllegalArgumentException("missing " + what + " at " + start);
        }
        return text.substring(start, pos);
    }

    private String quotedString() {
        StringBuilder value = new StringBuilder();
        pos++; // opening quote
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw new IllegalArgumentException("unterminated quoted string");
    }

    private void skipWhitespace() {
        while (!atEnd() && HttpSyntax.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }
}
