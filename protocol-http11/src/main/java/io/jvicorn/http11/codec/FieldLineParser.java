package io.jvicorn.http11.codec;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.internal.CheckedHeaders;
import io.jvicorn.http.HttpSyntax;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses one field line, {@code name ":" OWS value OWS}, of a head or trailer section, byte by byte as
 * {@link HeadScanner} hands it over: obs-fold is refused at the line's first byte and a bad name at its first bad
 * byte, not when the section completes. The name is lowercased and hashed in the same walk. HeadScanner has already
 * refused control characters (other than HTAB) and DEL, so the value needs no check of its own: what remains (VCHAR,
 * SP, HTAB, obs-text) is all allowed.
 *
 * <p>Positions are relative to the section's first byte: the line may be fed from the caller's buffer and then from a
 * copy of it.
 */
final class FieldLineParser {
    private byte[] lowered = new byte[32];
    private boolean inValue;
    private int start;
    private int length;
    private int hash;

    /** Prepares for a line whose first byte is at {@code lineStart} (relative). */
    void begin(int lineStart) {
        inValue = false;
        start = lineStart;
        length = 0;
        hash = 0;
    }

    /**
     * Checks {@code b[base + from, base + to)}, the next bytes of the line (none CR, LF or another control but HTAB).
     *
     * @throws ParseFailure at obs-fold or the first byte that cannot be part of the name
     */
    void advance(byte[] b, int base, int from, int to) {
        if (inValue) {
            return;
        }
        byte[] low = lowered;
        int n = length;
        int h = hash;
        for (int i = from; i < to; i++) {
            int c = b[base + i] & 0xFF;
            if (HttpSyntax.isTchar(c)) {
                int l = HttpSyntax.lower(c);
                if (n == low.length) {
                    low = lowered = Arrays.copyOf(low, low.length * 2);
                }
                low[n++] = (byte) l;
                h = HeaderNames.hashStep(h, l);
                continue;
            }
            if (c == ':') {
                if (n == 0) {
                    throw new ParseFailure(Violation.EMPTY_FIELD_NAME);
                }
                inValue = true;
                break;
            }
            if (HttpSyntax.isWhitespace(c)) {
                throw new ParseFailure(n == 0 ? Violation.OBS_FOLD : Violation.WHITESPACE_BEFORE_COLON);
            }
            throw new ParseFailure(Violation.INVALID_FIELD_NAME);
        }
        length = n;
        hash = h;
    }

    /**
     * The line's CR is at {@code cr} (relative); every byte before it has been through {@link #advance}.
     *
     * @return the field, its name lowercased and interned when common
     * @throws ParseFailure when the line has no colon
     */
    Header end(byte[] b, int base, int cr) {
        if (!inValue) {
            throw new ParseFailure(Violation.MISSING_COLON);
        }
        String name = HeaderNames.lookup(lowered, length, hash);
        if (name == null) {
            name = new String(lowered, 0, length, StandardCharsets.ISO_8859_1);
        }
        int from = base + start + length + 1;
        int to = base + cr;
        while (from < to && HttpSyntax.isWhitespace(b[from])) {
            from++;
        }
        while (to > from && HttpSyntax.isWhitespace(b[to - 1])) {
            to--;
        }
        String value = to == from ? "" : new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        // The name was checked above and the value by HeadScanner: Header's own checks would repeat them.
        return CheckedHeaders.of(name, value);
    }
}
