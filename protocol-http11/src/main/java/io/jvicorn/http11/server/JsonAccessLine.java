package io.jvicorn.http11.server;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.Header;
import io.jvicorn.http11.codec.RequestHead;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The {@code json} access log layout ({@code --access-log-format json}): one JSON object per line (JSON Lines), with
 * the fields log shippers map without a parsing rule: {@code time}, {@code client}, {@code method}, {@code path},
 * {@code query}, {@code http_version}, {@code status}, {@code bytes}, {@code duration} (seconds),
 * {@code user_agent} and {@code referer} ({@code null} when unknown or absent).
 *
 * <p>Request bytes that form valid UTF-8 are decoded as UTF-8 (what browsers send), others one character per byte.
 * Every character outside printable ASCII is written as a {@code \}{@code uXXXX} escape (RFC 8259 §7), so a line is
 * pure ASCII: it survives any console encoding and a client cannot end the line or the string early.
 */
final class JsonAccessLine {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonAccessLine() {
    }

    /**
     * Writes one object.
     *
     * @param client        the client as in the scope, or null
     * @param head          the request
     * @param status        the response status
     * @param bytes         response body bytes sent
     * @param durationNanos time the request took
     * @param now           when the line is written
     * @return the object, without a line separator
     */
    static String format(@Nullable Address client, RequestHead head, int status, long bytes, long durationNanos,
                         Instant now) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"time\":\"");
        TIME.formatTo(now, b);
        b.append("\",\"client\":");
        quoteOrNull(b, client == null ? null : client.toString());
        b.append(",\"method\":");
        quote(b, head.method());
        b.append(",\"path\":");
        quote(b, decode(head.rawPath()));
        b.append(",\"query\":");
        quote(b, decode(head.queryString()));
        b.append(",\"http_version\":");
        quote(b, head.version().text());
        b.append(",\"status\":").append(status);
        b.append(",\"bytes\":").append(bytes);
        long micros = durationNanos / 1000;
        b.append(",\"duration\":").append(micros / 1_000_000).append('.');
        String fraction = Long.toString(micros % 1_000_000);
        b.repeat('0', 6 - fraction.length()).append(fraction);
        b.append(",\"user_agent\":");
        quoteOrNull(b, headerText(head, "user-agent"));
        b.append(",\"referer\":");
        quoteOrNull(b, headerText(head, "referer"));
        return b.append('}').toString();
    }

    private static @Nullable String headerText(RequestHead head, String name) {
        String value = Header.first(head.headers(), name);
        return value == null ? null : decode(value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 (one character per byte, never fails). */
    static String decode(byte[] bytes) {
        boolean ascii = true;
        for (byte x : bytes) {
            ascii &= x >= 0;
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = utf8.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static void quoteOrNull(StringBuilder b, @Nullable String value) {
        if (value == null) {
            b.append("null");
        } else {
            quote(b, value);
        }
    }

    /** A JSON string literal of {@code value}, in printable ASCII. */
    static void quote(StringBuilder b, String value) {
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        b.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
