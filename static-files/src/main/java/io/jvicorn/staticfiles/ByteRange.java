package io.jvicorn.staticfiles;

import io.jvicorn.http.HttpSyntax;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code Range} header (RFC 9110 §14.1.2) asks of a representation of {@code size} bytes: one satisfiable byte
 * range, nothing satisfiable (416), or the whole representation, because the header is absent, not in bytes,
 * malformed, or asks for several ranges. Several ranges get the whole file with 200, which §14.2 allows ("a server
 * MAY ignore the Range header field"): multipart/byteranges costs more than it saves for static files, and nginx
 * itself sends the whole file for ranges it would have to reorder.
 *
 * @param first the first byte's offset (inclusive); with {@code last} meaningful only for {@link Kind#PARTIAL}
 * @param last  the last byte's offset (inclusive)
 * @param kind  the outcome
 */
record ByteRange(Kind kind, long first, long last) {
    /** The outcome of a Range header. */
    enum Kind {
        /** 200 with the whole representation. */
        WHOLE,
        /** 206 with the bytes {@code first..last}. */
        PARTIAL,
        /** 416: no range overlaps the representation. */
        UNSATISFIABLE
    }

    static final ByteRange WHOLE = new ByteRange(Kind.WHOLE, 0, -1);
    private static final ByteRange UNSATISFIABLE = new ByteRange(Kind.UNSATISFIABLE, 0, -1);

    /** @return how many bytes a {@link Kind#PARTIAL} range holds */
    long length() {
        return last - first + 1;
    }

    /**
     * @param header the Range field's value, or null when absent
     * @param size   the representation's length
     * @return the outcome
     */
    static ByteRange of(@Nullable String header, long size) {
        if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
            return WHOLE; // absent, or a range unit we do not know: ignored (§14.2)
        }
        List<String> specs = HttpSyntax.listElements(header.substring(6));
        if (specs.size() != 1) {
            return WHOLE;
        }
        String spec = specs.get(0);
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        boolean suffix = dash == 0;
        boolean open = dash == spec.length() - 1;
        long first = suffix ? 0 : HttpSyntax.decimal(spec, 0, dash);
        long last = open ? 0 : HttpSyntax.decimal(spec, dash + 1, spec.length());
        if (first < 0 || last < 0 || (suffix && open)) {
            return WHOLE; // malformed
        }
        if (suffix) { // suffix-range: the last `last` bytes
            if (last == 0 || size == 0) {
                return UNSATISFIABLE;
            }
            return new ByteRange(Kind.PARTIAL, Math.max(0, size - last), size - 1);
        }
        if (!open && last < first) {
            return WHOLE; // invalid: last-pos less than first-pos
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        return new ByteRange(Kind.PARTIAL, first, open || last >= size ? size - 1 : last);
    }
}
