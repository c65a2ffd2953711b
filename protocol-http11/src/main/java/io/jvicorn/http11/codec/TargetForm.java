package io.jvicorn.http11.codec;

/** The shape of a request target (RFC 9112 §3.2). Authority form is rejected (CONNECT is not supported). */
public enum TargetForm {
    /** {@code /path?query}: the usual form. */
    ORIGIN,
    /** {@code http://host/path?query}: as sent to proxies; the path and query are extracted. */
    ABSOLUTE,
    /** {@code *}: server-wide OPTIONS. */
    ASTERISK
}
