package io.jvicorn.http11.codec;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.internal.CheckedHeaders;
import io.jvicorn.http.HttpSyntax;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses one field line, {@code name ":" OWS value OWS}, of a head or trailer section. {@link HeadScanner} has already
 * delimited the line and rejected control characters (other than HTAB) and DEL, so the value needs no further check:
 * what remains (VCHAR, SP, HTAB, obs-text) is all allowed.
 */
final class FieldLineParser {
    private byte[] lowered = new byte[32];

    /**
     * Parses {@code b[from, to)}, where {@code to} is the index of the line's CR.
     *
     * @return the field, its name lowercased and interned when common
     * @throws ParseFailure for obs-fold or a malformed name
     */
    Header parse(byte[] b, int from, int to) {
        int first = b[from];
        if (HttpSyntax.isWhitespace(first)) {
            throw new ParseFailure(Violation.OBS_FOLD);
        }
        byte[] low = lowered;
        int hash = 0;
        int i = from;
        while (true) {
            if (i == to) {
                throw new ParseFailure(Violation.MISSING_COLON);
            }
            int c = b[i] & 0xFF;
            if (c == ':') {
                break;
            }
            if (!HttpSyntax.isTchar(c)) {
                if (HttpSyntax.isWhitespace(c)) {
                    throw new ParseFailure(Violation.WHITESPACE_BEFORE_COLON);
                }
                throw new ParseFailure(Violation.INVALID_FIELD_NAME);
            }
            int l = HttpSyntax.lower(c);
            if (i - from == low.length) {
                low = lowered = Arrays.copyOf(low, low.length * 2);
            }
            low[i - from] = (byte) l;
            hash = HeaderNames.hashStep(hash, l);
            i++;
        }
        int length = i - from;
        if (length == 0) {
            throw new ParseFailure(Violation.EMPTY_FIELD_NAME);
        }
        String name = HeaderNames.lookup(low, length, hash);
        if (name == null) {
            name = new String(low, 0, length, StandardCharsets.ISO_8859_1);
        }
        int start = i + 1;
        int end = to;
        while (start < end && HttpSyntax.isWhitespace(b[start])) {
            start++;
        }
        while (end > start && HttpSyntax.isWhitespace(b[end - 1])) {
            end--;
        }
        String value = end == start ? "" : new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        // The name was checked above and the value by HeadScanner: Header's own checks would repeat them.
        return CheckedHeaders.of(name, value);
    }
}
