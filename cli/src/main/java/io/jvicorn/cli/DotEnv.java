package io.jvicorn.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code --env-file} the way python-dotenv (which Uvicorn uses) does.
 *
 * <ul>
 *   <li>{@code KEY=VALUE} per line, optionally prefixed with {@code export }; whitespace around {@code =} is
 *       ignored; a line of only a key sets nothing;</li>
 *   <li>{@code #} starts a comment on its own line, after a quoted value, or after whitespace in an unquoted one
 *       ({@code A=b#c} keeps the {@code #});</li>
 *   <li>{@code 'single quotes'} are literal except {@code \\} and {@code \'}; {@code "double quotes"} decode
 *       {@code \\ \' \" \a \b \f \n \r \t \v}; both may span lines;</li>
 *   <li>{@code ${NAME}} and {@code ${NAME:-default}} expand in unquoted and double-quoted values, from the process
 *       environment first, then from earlier lines (python-dotenv's order without override); an unset name gives the
 *       default or nothing. Single-quoted values do not expand, as in shells.</li>
 * </ul>
 * Where python-dotenv warns and skips a line it cannot parse, this rejects the file naming the line.
 */
final class DotEnv {
    private final String text;
    private final String source;
    private int i;
    private int line = 1;

    private DotEnv(String text, String source) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.source = source;
    }

    /**
     * Parses a file's content.
     *
     * @param text        the content
     * @param source      the file name, for messages
     * @param environment the process environment, for {@code ${...}} expansion
     * @return the variables in file order
     * @throws IllegalArgumentException naming {@code source:line} and what is wrong
     */
    static Map<String, String> parse(String text, String source, Map<String, String> environment) {
        return new DotEnv(text, source).parse(environment);
    }

    private Map<String, String> parse(Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        while (true) {
            skipBlankLines();
            if (atEnd()) {
                return values;
            }
            int startLine = line;
            if (peek() == '#') {
                skipToEndOfLine();
                continue;
            }
            if (text.startsWith("export", i) && i + 6 < text.length() && isBlank(text.charAt(i + 6))) {
                i += 6;
                skipBlanks();
            }
            String key = key();
            skipBlanks();
            if (atEnd() || isNewline(peek()) || peek() == '#') {
                skipComment();
                endOfLine();
                continue; // a key without "=" sets nothing, as in python-dotenv
            }
            if (peek() != '=') {
                throw error(startLine, "expected '=' after '" + key + "'");
            }
            i++;
            skipBlanks();
            String value;
            if (!atEnd() && peek() == '\'') {
                value = singleQuoted(startLine);
            } else if (!atEnd() && peek() == '"') {
                value = expand(doubleQuoted(startLine), environment, values);
            } else {
                value = expand(unquoted(), environment, values);
            }
            skipBlanks();
            skipComment();
            if (!atEnd() && !isNewline(peek())) {
                throw error(line, "unexpected text after the value of '" + key + "'");
            }
            endOfLine();
            values.put(key, value);
        }
    }

    private String key() {
        if (!atEnd() && (peek() == '\'' || peek() == '"')) {
            char quote = peek();
            int close = text.indexOf(quote, i + 1);
            int newline = indexOfNewline(i + 1);
            if (close < 0 || (newline >= 0 && newline < close) || close == i + 1) {
                throw error(line, "unterminated or empty quoted key");
            }
            String key = text.substring(i + 1, close);
            i = close + 1;
            return key;
        }
        int start = i;
        while (!atEnd() && !Character.isWhitespace(peek()) && peek() != '=' && peek() != '#') {
            i++;
        }
        if (start == i) {
            throw error(line, "expected a variable name");
        }
        return text.substring(start, i);
    }

    private String singleQuoted(int startLine) {
        StringBuilder b = new StringBuilder();
        i++;
        while (!atEnd()) {
            char c = text.charAt(i++);
            if (c == '\'') {
                return b.toString();
            }
            if (c == '\\' && !atEnd() && (peek() == '\\' || peek() == '\'')) {
                c = text.charAt(i++);
            } else if (c == '\n') {
                line++;
            }
            b.append(c);
        }
        throw error(startLine, "unterminated single-quoted value");
    }

    private String doubleQuoted(int startLine) {
        StringBuilder b = new StringBuilder();
        i++;
        while (!atEnd()) {
            char c = text.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\' && !atEnd()) {
                char escaped = escape(peek());
                if (escaped != 0) {
                    i++;
                    b.append(escaped);
                    continue;
                }
            }
            if (c == '\n') {
                line++;
            }
            b.append(c);
        }
        throw error(startLine, "unterminated double-quoted value");
    }

    /** The escapes python-dotenv decodes in double quotes; 0 for a backslash kept as is. */
    private static char escape(char c) {
        return switch (c) {
            case '\\' -> '\\';
            case '\'' -> '\'';
            case '"' -> '"';
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000B';
            default -> 0;
        };
    }

    /** The rest of the line without a comment that follows whitespace, trailing whitespace removed. */
    private String unquoted() {
        int start = i;
        int end = start;
        while (!atEnd() && !isNewline(peek())) {
            char c = peek();
            if (c == '#' && i > start && isBlank(text.charAt(i - 1))) {
                break;
            }
            i++;
            if (!isBlank(c)) {
                end = i;
            }
        }
        skipToEndOfLine();
        return text.substring(start, end);
    }

    /** POSIX-style {@code ${NAME}} and {@code ${NAME:-default}}; {@code $NAME} without braces stays as written. */
    private static String expand(String value, Map<String, String> environment, Map<String, String> earlier) {
        int start = value.indexOf("${");
        if (start < 0) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length());
        int from = 0;
        while (start >= 0) {
            int close = value.indexOf('}', start + 2);
            if (close < 0) {
                break;
            }
            String inside = value.substring(start + 2, close);
            int dash = inside.indexOf(":-");
            String name = dash < 0 ? inside : inside.substring(0, dash);
            b.append(value, from, start);
            if (name.indexOf(':') >= 0) {
                b.append(value, start, close + 1); // not a reference python-dotenv recognises: kept as written
            } else {
                String found = environment.get(name);
                if (found == null) {
                    found = earlier.get(name);
                }
                b.append(found != null ? found : dash < 0 ? "" : inside.substring(dash + 2));
            }
            from = close + 1;
            start = value.indexOf("${", from);
        }
        return b.append(value, from, value.length()).toString();
    }

    private boolean atEnd() {
        return i >= text.length();
    }

    private char peek() {
        return text.charAt(i);
    }

    private void skipBlanks() {
        while (!atEnd() && isBlank(peek())) {
            i++;
        }
    }

    private void skipBlankLines() {
        while (!atEnd() && (isBlank(peek()) || isNewline(peek()))) {
            if (peek() == '\n') {
                line++;
            }
            i++;
        }
    }

    private void skipComment() {
        if (!atEnd() && peek() == '#') {
            skipToEndOfLine();
        }
    }

    private void skipToEndOfLine() {
        while (!atEnd() && !isNewline(peek())) {
            i++;
        }
    }

    private void endOfLine() {
        if (!atEnd() && peek() == '\r') {
            i++;
        }
        if (!atEnd() && peek() == '\n') {
            i++;
        }
        line++;
    }

    private int indexOfNewline(int from) {
        for (int j = from; j < text.length(); j++) {
            if (isNewline(text.charAt(j))) {
                return j;
            }
        }
        return -1;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B';
    }

    private static boolean isNewline(char c) {
        return c == '\n' || c == '\r';
    }

    private IllegalArgumentException error(int at, String message) {
        return new IllegalArgumentException(source + ":" + at + ": " + message);
    }
}
