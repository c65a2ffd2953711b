package io.jvicorn.asgi;

import io.jvicorn.asgi.internal.CheckedHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One header field, ASGI's {@code [name, value]} pair of byte strings.
 *
 * <p>Both parts are ISO-8859-1 strings, one {@code char} per byte, so non-ASCII bytes survive unchanged. The name must
 * be an RFC 9110 token; the value must not contain NUL, CR, LF or other control characters except HTAB. Request headers
 * in a scope have lowercase names; response headers are written as given.
 *
 * <p>A final class with a record's shape (accessors, equality, {@code toString}) rather than a record: a record's every
 * constructor runs the checks, and the request parser, which has checked each byte already, builds its headers
 * through {@link CheckedHeaders} without them.
 */
public final class Header {
    static {
        CheckedHeaders.install((name, value) -> new Header(name, value, false));
    }

    private final String name;
    private final String value;

    /**
     * A header, checked.
     *
     * @param name  the field name, a token
     * @param value the field value, without surrounding whitespace
     * @throws IllegalArgumentException when the name is not a token or the value has a forbidden character
     */
    public Header(String name, String value) {
        this(name, value, true);
    }

    private Header(String name, String value, boolean check) {
        if (check) {
            HeaderValidation.requireToken(name, "header name");
            HeaderValidation.requireFieldValue(value, name);
        }
        this.name = name;
        this.value = value;
    }

    /**
     * The field name.
     *
     * @return the name as given (lowercase in request scopes)
     */
    public String name() {
        return name;
    }

    /**
     * The field value.
     *
     * @return the value, without surrounding whitespace
     */
    public String value() {
        return value;
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
    public static @Nullable String first(List<Header> headers, String name) {
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

    /** Equal when both names and both values are equal (names compared exactly, as a record would). */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Header h && name.equals(h.name) && value.equals(h.value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + value.hashCode();
    }

    /** The record form, {@code Header[name=host, value=example.com]}. */
    @Override
    public String toString() {
        return "Header[name=" + name + ", value=" + value + "]";
    }
}
