package io.jvicorn.asgi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One header field, ASGI's {@code [name, value]} pair of byte strings.
 *
 * <p>Both parts are ISO-8859-1 strings, one {@code char} per byte, so non-ASCII bytes survive unchanged. The name must
 * be an RFC 9110 token; the value must not contain NUL, CR, LF or other control characters except HTAB. Request headers
 * in a scope have lowercase names; response headers are written as given.
 *
 * @param name  the field name
 * @param value the field value, without surrounding whitespace
 */
public record Header(String name, String value) {

    /** Validates both parts. */
    public Header {
        HeaderValidation.requireToken(name, "header name");
        HeaderValidation.requireFieldValue(value, name);
    }

    /**
     * Shorthand for the constructor.
     *
     * @param name  the field name
     * @param value the field value
     * @return the header
     */
    public static Header of(String name, String value) {
        return new Header(name, value);
    }

    /**
     * The name's bytes.
     *
     * @return a new array
     */
    public byte[] nameBytes() {
        return name.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The value's bytes.
     *
     * @return a new array
     */
    public byte[] valueBytes() {
        return value.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether this header's name equals {@code other}, ignoring ASCII case.
     *
     * @param other a field name
     * @return true if the names match
     */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    /**
     * The first value of the named header in a list, or null.
     *
     * @param headers the list to search
     * @param name    the name, matched ignoring case
     * @return the value, or null when absent
     */
    public static @org.jspecify.annotations.Nullable String first(List<Header> headers, String name) {
        for (Header h : headers) {
            if (h.name.equalsIgnoreCase(name)) {
                return h.value;
            }
        }
        return null;
    }

    /**
     * The name in lower case, as it appears in scopes.
     *
     * @return the lowercase name
     */
    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }
}
