package io.jvicorn.http2.hpack;

/** Receives the fields of one decoded header block, in order. */
@FunctionalInterface
public interface HeaderSink {
    /**
     * One field. Names and values are ISO-8859-1 strings, one {@code char} per byte (as {@link io.jvicorn.asgi.Header}).
     * The decoder does not judge field syntax (HTTP/2's rules on names and values belong to the caller).
     *
     * @param name  the field name as sent (pseudo-header names start with {@code ':'})
     * @param value the field value as sent
     */
    void field(String name, String value);
}
