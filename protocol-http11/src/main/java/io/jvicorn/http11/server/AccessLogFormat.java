package io.jvicorn.http11.server;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.Header;
import io.jvicorn.http.HttpSyntax;
import io.jvicorn.http11.codec.HttpStatus;
import io.jvicorn.http11.codec.RequestHead;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The layout of an access log line ({@code --access-log-format}), in Python's {@code %(name)s} style.
 *
 * <p>Placeholders:
 * <ul>
 *   <li>{@code %(client_addr)s}: {@code 127.0.0.1:54321}, {@code [::1]:54321}, or {@code -} when unknown;</li>
 *   <li>{@code %(request_line)s}: {@code GET /path?query HTTP/1.1} (path and query as sent);</li>
 *   <li>{@code %(status_code)s}: the status and its reason, {@code 200 OK} (just {@code 599} when it has none);</li>
 *   <li>{@code %(status)s}: the status number alone;</li>
 *   <li>{@code %(method)s}, {@code %(path)s}, {@code %(query_string)s}, {@code %(full_path)s} (path and
 *       {@code ?query}), {@code %(http_version)s} ({@code 1.1});</li>
 *   <li>{@code %(bytes)s}: response body bytes sent;</li>
 *   <li>{@code %(duration_ms)s}: time from the request head to the end of the response in milliseconds with three
 *       decimals ({@code 12.345}); {@code %(duration_us)s}: the same in whole microseconds;</li>
 *   <li>{@code %(time)s}: when the line is written, ISO 8601 in UTC with milliseconds;</li>
 *   <li>{@code %({name}i)s}: the first value of request header {@code name} (any case), {@code -} when absent;</li>
 *   <li>{@code %%}: a percent sign.</li>
 * </ul>
 * {@link #DEFAULT} gives Uvicorn's line. With {@link #withColors colours}, the status (in {@code status_code} and
 * {@code status}) is coloured by class and the request line is bold, as Uvicorn's access formatter does.
 *
 * <p>The format {@link #JSON} ({@code json}) writes one JSON object per line instead, for log shippers; see
 * {@link JsonAccessLine} for its fields. It is never coloured.
 */
public final class AccessLogFormat {
    /** Uvicorn's access line: {@code 127.0.0.1:54321 - "GET /p?q=1 HTTP/1.1" 200 OK}. */
    public static final String DEFAULT = "%(client_addr)s - \"%(request_line)s\" %(status_code)s";
    /** The format name for JSON lines: {@code {"time":"...","client":"127.0.0.1:54321","method":"GET",...}}. */
    public static final String JSON = "json";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    /** A named placeholder. */
    private enum Field {
        CLIENT_ADDR, REQUEST_LINE, STATUS_CODE, STATUS, METHOD, PATH, QUERY_STRING, FULL_PATH, HTTP_VERSION, BYTES,
        DURATION_MS, DURATION_US, TIME;

        final String key = name().toLowerCase(Locale.ROOT);
    }

    /** A literal, a named field, or a request header; exactly one of the three is set. */
    private record Part(@Nullable String literal, @Nullable Field field, @Nullable String header) {
    }

    private final String pattern;
    /** The placeholders and literals; empty for {@link #JSON}. */
    private final Part[] parts;
    private final boolean json;
    private final boolean colors;

    private AccessLogFormat(String pattern, Part[] parts, boolean json, boolean colors) {
        this.pattern = pattern;
        this.parts = parts;
        this.json = json;
        this.colors = colors;
    }

    /**
     * Reads a format.
     *
     * @param format the format, for example {@code %(client_addr)s "%(request_line)s" %(status)s %(duration_ms)s}, or
     *               {@link #JSON}
     * @return the format, without colours
     * @throws IllegalArgumentException for an unknown placeholder (naming it and listing the valid ones), an
     *                                  unterminated one, a conversion other than {@code s}, or a lone {@code %}
     */
    public static AccessLogFormat parse(String format) {
        if (format.equals(JSON)) {
            return new AccessLogFormat(format, new Part[0], true, false);
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
                literal.append('%');
                i += 2;
                continue;
            }
            if (i + 1 >= format.length() || format.charAt(i + 1) != '(') {
                throw new IllegalArgumentException("'%' at index " + i + " of the access log format must start a "
                        + "placeholder such as %(status)s, or be doubled as %%");
            }
            int close = format.indexOf(')', i + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated placeholder at index " + i
                        + " of the access log format: '" + format.substring(i) + "'");
            }
            String name = format.substring(i + 2, close);
            String placeholder = format.substring(i, Math.min(close + 2, format.length()));
            if (close + 1 >= format.length() || format.charAt(close + 1) != 's') {
                throw new IllegalArgumentException("placeholder '" + placeholder + "' in the access log format must "
                        + "end in 's', as in %(" + name + ")s");
            }
            if (!literal.isEmpty()) {
                parts.add(new Part(literal.toString(), null, null));
                literal.setLength(0);
            }
            parts.add(part(name, placeholder));
            i = close + 2;
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), null, null));
        }
        return new AccessLogFormat(format, parts.toArray(Part[]::new), false, false);
    }

    private static Part part(String name, String placeholder) {
        if (name.length() > 3 && name.startsWith("{") && name.endsWith("}i")) {
            String header = name.substring(1, name.length() - 2);
            if (!HttpSyntax.isToken(header)) {
                throw new IllegalArgumentException("'" + placeholder + "' in the access log format does not name a "
                        + "header: write %({User-Agent}i)s");
            }
            return new Part(null, null, header.toLowerCase(Locale.ROOT));
        }
        for (Field field : Field.values()) {
            if (field.key.equals(name)) {
                return new Part(null, field, null);
            }
        }
        throw new IllegalArgumentException("unknown placeholder '" + placeholder + "' in the access log format; valid "
                + "placeholders are " + validPlaceholders());
    }

    /** @return every placeholder, comma-separated, for error messages and help */
    public static String validPlaceholders() {
        StringBuilder b = new StringBuilder();
        for (Field field : Field.values()) {
            b.append("%(").append(field.key).append(")s, ");
        }
        return b.append("%({header}i)s").toString();
    }

    /**
     * This format, with or without ANSI colours.
     *
     * @param on whether to colour the status and make the request line bold; ignored for {@link #JSON}
     * @return a format writing the same fields
     */
    public AccessLogFormat withColors(boolean on) {
        return on == colors || json ? this : new AccessLogFormat(pattern, parts, false, on);
    }

    /** @return whether lines are JSON objects ({@link #JSON}), which a log handler should write without a prefix */
    public boolean json() {
        return json;
    }

    /** @return whether lines carry ANSI colours */
    public boolean colors() {
        return colors;
    }

    /**
     * Writes one line.
     *
     * @param client        the client as in the scope, or null
     * @param head          the request
     * @param status        the response status
     * @param bytes         response body bytes sent
     * @param durationNanos time the request took
     * @return the line, without a line separator
     */
    public String format(@Nullable Address client, RequestHead head, int status, long bytes, long durationNanos) {
        if (json) {
            return JsonAccessLine.format(client, head, status, bytes, durationNanos, Instant.now());
        }
        StringBuilder b = new StringBuilder(96);
        for (Part part : parts) {
            Field field = part.field();
            if (field == null) {
                String literal = part.literal();
                if (literal != null) {
                    b.append(literal);
                } else {
                    String value = Header.first(head.headers(), Objects.requireNonNull(part.header()));
                    b.append(value == null ? "-" : value);
                }
                continue;
            }
            switch (field) {
                case CLIENT_ADDR -> b.append(client == null ? "-" : client.toString());
                case REQUEST_LINE -> {
                    if (colors) {
                        b.append(BOLD);
                    }
                    b.append(head.method()).append(' ');
                    appendFullPath(b, head);
                    b.append(" HTTP/").append(head.version().text());
                    if (colors) {
                        b.append(RESET);
                    }
                }
                case STATUS_CODE -> {
                    String reason = HttpStatus.reason(status);
                    appendStatus(b, status, reason.isEmpty() ? null : reason);
                }
                case STATUS -> appendStatus(b, status, null);
                case METHOD -> b.append(head.method());
                case PATH -> appendLatin1(b, head.rawPath());
                case QUERY_STRING -> appendLatin1(b, head.queryString());
                case FULL_PATH -> appendFullPath(b, head);
                case HTTP_VERSION -> b.append(head.version().text());
                case BYTES -> b.append(bytes);
                case DURATION_MS -> {
                    long micros = durationNanos / 1000;
                    long fraction = micros % 1000;
                    b.append(micros / 1000).append('.');
                    if (fraction < 100) {
                        b.append(fraction < 10 ? "00" : "0");
                    }
                    b.append(fraction);
                }
                case DURATION_US -> b.append(durationNanos / 1000);
                case TIME -> TIME.formatTo(Instant.now(), b);
            }
        }
        return b.toString();
    }

    private void appendStatus(StringBuilder b, int status, @Nullable String reason) {
        String color = colors ? statusColor(status) : null;
        if (color != null) {
            b.append(color);
        }
        b.append(status);
        if (reason != null) {
            b.append(' ').append(reason);
        }
        if (color != null) {
            b.append(RESET);
        }
    }

    /** Uvicorn's colours: 1xx bright white, 2xx green, 3xx yellow, 4xx red, 5xx bright red. */
    private static @Nullable String statusColor(int status) {
        return switch (status / 100) {
            case 1 -> "\u001b[97m";
            case 2 -> "\u001b[32m";
            case 3 -> "\u001b[33m";
            case 4 -> "\u001b[31m";
            case 5 -> "\u001b[91m";
            default -> null;
        };
    }

    private static void appendFullPath(StringBuilder b, RequestHead head) {
        appendLatin1(b, head.rawPath());
        if (head.queryString().length > 0) {
            appendLatin1(b.append('?'), head.queryString());
        }
    }

    /** One char per byte, as the scope's ISO-8859-1 strings, without an intermediate String. */
    private static void appendLatin1(StringBuilder b, byte[] bytes) {
        for (byte x : bytes) {
            b.append((char) (x & 0xFF));
        }
    }

    /** @return the format as given */
    @Override
    public String toString() {
        return pattern;
    }
}
