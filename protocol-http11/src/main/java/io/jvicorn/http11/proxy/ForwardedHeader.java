package io.jvicorn.http11.proxy;

import io.jvicorn.http.HttpSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The RFC 7239 {@code Forwarded} header: a comma-separated list of elements, one per proxy, each a
 * semicolon-separated list of {@code name=value} pairs whose value is a token or a quoted string.
 *
 * <p>Only {@code for}, {@code proto} and {@code host} are kept; {@code by} and extensions are skipped. The parser is
 * lenient about whitespace around {@code ;} and {@code =} and about addresses left unquoted, and strict about
 * everything else: an unterminated quote, a pair without {@code =}, an empty value or a parameter repeated within one
 * element make the whole header invalid, since a proxy that appended to a broken header cannot be told apart from a
 * client that forged it.
 */
final class ForwardedHeader {
    private ForwardedHeader() {
    }

    /**
     * One proxy's element.
     *
     * @param forNode the {@code for} node as sent (quotes removed), or null
     * @param proto   the {@code proto} value, or null
     * @param host    the {@code host} value, or null
     */
    record Element(@Nullable String forNode, @Nullable String proto, @Nullable String host) {
    }

    /**
     * Parses a field value; several header lines are joined with commas first.
     *
     * @param value the field value
     * @return the non-empty elements in order, or null when the value is malformed
     */
    static @Nullable List<Element> parse(String value) {
        List<Element> elements = new ArrayList<>(2);
        Cursor c = new Cursor(value);
        c.skipWhitespace();
        while (!c.atEnd()) {
            String forNode = null;
            String proto = null;
            String host = null;
            boolean any = false;
            while (true) {
                c.skipWhitespace();
                if (c.atEnd() || c.peek() == ',') {
                    break;
                }
                if (c.peek() == ';') {
                    c.advance(); // an empty pair, allowed by the ABNF
                    continue;
                }
                String name = c.token();
                c.skipWhitespace();
                if (name.isEmpty() || c.atEnd() || c.peek() != '=') {
                    return null;
                }
                c.advance();
                c.skipWhitespace();
                String pairValue = c.atEnd() ? null : c.peek() == '"' ? c.quoted() : c.bareValue();
                if (pairValue == null || (pairValue.isEmpty() && !c.lastWasQuoted)) {
                    return null;
                }
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "for" -> {
                        if (forNode != null) {
                            return null;
                        }
                        forNode = pairValue;
                    }
                    case "proto" -> {
                        if (proto != null) {
                            return null;
                        }
                        proto = pairValue;
                    }
                    case "host" -> {
                        if (host != null) {
                            return null;
                        }
                        host = pairValue;
                    }
                    default -> {
                        // "by" and extension parameters carry nothing the scope uses.
                    }
                }
                any = true;
                c.skipWhitespace();
                if (c.atEnd() || c.peek() == ',') {
                    break;
                }
                if (c.peek() != ';') {
                    return null;
                }
                c.advance();
            }
            if (any) {
                elements.add(new Element(forNode, proto, host));
            }
            if (!c.atEnd()) {
                c.advance(); // the comma
                c.skipWhitespace();
            }
        }
        return elements;
    }

    /** Walks the value; {@code null} from {@link #quoted()} marks an unterminated or invalid quoted string. */
    private static final class Cursor {
        private final String s;
        private int i;
        boolean lastWasQuoted;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        char peek() {
            return s.charAt(i);
        }

        void advance() {
            i++;
        }

        void skipWhitespace() {
            i = HttpSyntax.skipWhitespace(s, i, s.length());
        }

        String token() {
            int start = i;
            i = HttpSyntax.tokenEnd(s, i, s.length());
            return s.substring(start, i);
        }

        /** An unquoted value; besides token characters it may hold ':', '[', ']' and '/', which some proxies leave
         *  unquoted in {@code for=1.2.3.4:80} although RFC 7239 asks for quotes. */
        String bareValue() {
            lastWasQuoted = false;
            int start = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (!HttpSyntax.isTchar(c) && c != ':' && c != '[' && c != ']' && c != '/') {
                    break;
                }
                i++;
            }
            return s.substring(start, i);
        }

        @Nullable String quoted() {
            lastWasQuoted = true;
            StringBuilder b = new StringBuilder();
            i++; // the opening quote
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    if (i >= s.length()) {
                        return null;
                    }
                    c = s.charAt(i++);
                }
                if (!HttpSyntax.isFieldValueChar(c)) {
                    return null;
                }
                b.append(c);
            }
            return null;
        }
    }
}
