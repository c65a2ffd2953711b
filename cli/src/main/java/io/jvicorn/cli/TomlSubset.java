package io.jvicorn.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of TOML a flat configuration needs, read without a TOML library: top-level {@code key = value} lines with
 * bare or quoted keys, basic ({@code "..."}, with TOML's escapes) and literal ({@code '...'}) strings, decimal integers
 * and floats (underscores allowed), {@code true}/{@code false}, and arrays of those, which may span lines and end with
 * a comma. Comments start with {@code #}.
 *
 * <p>Anything else TOML has (tables, dotted keys, multi-line strings, dates, inline tables, nested arrays) is rejected
 * with the line number and what is not supported, as is a key given twice.
 */
final class TomlSubset {
    /**
     * One value as text, the way it would be written on the command line.
     *
     * @param values one element, or an array's elements
     * @param array  whether it was written as an array
     * @param line   the line of the key, for messages
     */
    record Value(List<String> values, boolean array, int line) {
    }

    private final String text;
    private final String source;
    private int i;
    private int line = 1;

    private TomlSubset(String text, String source) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.source = source;
    }

    /**
     * Parses a document.
     *
     * @param text   the content
     * @param source the file name, for messages
     * @return the keys as written, in order
     * @throws IllegalArgumentException naming {@code source:line} and the problem
     */
    static Map<String, Value> parse(String text, String source) {
        return new TomlSubset(text, source).document();
    }

    private Map<String, Value> document() {
        Map<String, Value> values = new LinkedHashMap<>();
        while (true) {
            skipWhitespaceAndComments();
            if (atEnd()) {
                return values;
            }
            int keyLine = line;
            if (peek() == '[') {
                throw error("tables ([...]) are not supported: put every key at the top level");
            }
            String key = key();
            skipBlanks();
            if (!atEnd() && peek() == '.') {
                throw error("dotted keys are not supported: '" + key + ".'");
            }
            if (atEnd() || peek() != '=') {
                throw error("expected '=' after key '" + key + "'");
            }
            i++;
            skipBlanks();
            Value value = value(keyLine);
            skipBlanks();
            skipComment();
            if (!atEnd() && !isNewline(peek())) {
                throw error("unexpected text after the value of '" + key + "'");
            }
            if (values.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException(source + ":" + keyLine + ": key '" + key + "' is set twice");
            }
        }
    }

    private String key() {
        char c = peek();
        if (c == '"') {
            return basicString();
        }
        if (c == '\'') {
            return literalString();
        }
        int start = i;
        while (!atEnd() && isBareKeyChar(peek())) {
            i++;
        }
        if (start == i) {
            throw error("expected a key, found '" + c + "'");
        }
        return text.substring(start, i);
    }

    private Value value(int keyLine) {
        if (atEnd() || isNewline(peek())) {
            throw error("missing value");
        }
        if (peek() != '[') {
            return new Value(List.of(scalar()), false, keyLine);
        }
        i++;
        List<String> elements = new ArrayList<>();
        while (true) {
            skipWhitespaceAndComments();
            if (atEnd()) {
                throw error("unterminated array");
            }
            if (peek() == ']') {
                i++;
                return new Value(List.copyOf(elements), true, keyLine);
            }
            if (peek() == '[') {
                throw error("nested arrays are not supported");
            }
            elements.add(scalar());
            skipWhitespaceAndComments();
            if (atEnd()) {
                throw error("unterminated array");
            }
            if (peek() == ',') {
                i++;
            } else if (peek() != ']') {
                throw error("expected ',' or ']' in array");
            }
        }
    }

    private String scalar() {
        char c = peek();
        if (c == '"') {
            if (text.startsWith("\"\"\"", i)) {
                throw error("multi-line strings are not supported");
            }
            return basicString();
        }
        if (c == '\'') {
            if (text.startsWith("'''", i)) {
                throw error("multi-line strings are not supported");
            }
            return literalString();
        }
        if (c == '{') {
            throw error("inline tables are not supported");
        }
        int start = i;
        while (!atEnd() && !isBlank(peek()) && !isNewline(peek()) && peek() != ',' && peek() != ']'
                && peek() != '#') {
            i++;
        }
        String word = text.substring(start, i);
        if (word.equals("true") || word.equals("false")) {
            return word;
        }
        if (word.matches("[+-]?(0|[1-9](_?[0-9])*)")) {
            return word.replace("_", "").replaceFirst("^\\+", "");
        }
        if (word.matches("[+-]?(0|[1-9](_?[0-9])*)(\\.[0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?")) {
            return word.replace("_", "").replaceFirst("^\\+", "");
        }
        throw error(word.isEmpty() ? "missing value" : "unsupported value '" + word + "' (quote strings)");
    }

    private String basicString() {
        StringBuilder b = new StringBuilder();
        i++;
        while (!atEnd() && !isNewline(peek())) {
            char c = text.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                if (c < 0x20 && c != '\t' || c == 0x7F) {
                    throw error("control character in a string");
                }
                b.append(c);
                continue;
            }
            if (atEnd()) {
                break;
            }
            char e = text.charAt(i++);
            switch (e) {
                case 'b' -> b.append('\b');
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'f' -> b.append('\f');
                case 'r' -> b.append('\r');
                case 'e' -> b.append('\u001b');
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case 'u' -> b.appendCodePoint(hex(4));
                case 'U' -> b.appendCodePoint(hex(8));
                default -> throw error("invalid escape '\\" + e + "' in a string");
            }
        }
        throw error("unterminated string");
    }

    private int hex(int digits) {
        if (i + digits > text.length()) {
            throw error("truncated unicode escape");
        }
        int code;
        try {
            code = Integer.parseInt(text, i, i + digits, 16);
        } catch (NumberFormatException e) {
            throw error("invalid unicode escape");
        }
        if (!Character.isValidCodePoint(code) || (code >= 0xD800 && code <= 0xDFFF)) {
            throw error("invalid unicode escape");
        }
        i += digits;
        return code;
    }

    private String literalString() {
        int start = ++i;
        while (!atEnd() && !isNewline(peek())) {
            if (text.charAt(i++) == '\'') {
                return text.substring(start, i - 1);
            }
        }
        throw error("unterminated string");
    }

    private void skipWhitespaceAndComments() {
        while (!atEnd()) {
            char c = peek();
            if (isBlank(c)) {
                i++;
            } else if (c == '#') {
                skipComment();
            } else if (isNewline(c)) {
                if (c == '\n') {
                    line++;
                }
                i++;
            } else {
                return;
            }
        }
    }

    private void skipBlanks() {
        while (!atEnd() && isBlank(peek())) {
            i++;
        }
    }

    private void skipComment() {
        if (!atEnd() && peek() == '#') {
            while (!atEnd() && !isNewline(peek())) {
                i++;
            }
        }
    }

    private boolean atEnd() {
        return i >= text.length();
    }

    private char peek() {
        return text.charAt(i);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isNewline(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isBareKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(source + ":" + line + ": " + message);
    }
}
