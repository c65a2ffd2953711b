package io.jvicorn.http11.codec;

/** The HTTP versions of requests: the two the parser accepts, and HTTP/2 for requests decoded elsewhere. */
public enum HttpVersion {
    /** HTTP/1.0: connections close after each response unless the client asks for keep-alive. */
    HTTP_1_0("1.0"),
    /** HTTP/1.1: persistent connections by default, Host required. */
    HTTP_1_1("1.1"),
    /** HTTP/2 (RFC 9113): a request decoded by {@code protocol-http2}, never by this module's parser. */
    HTTP_2("2");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /**
     * The version number as ASGI's {@code http_version} spells it.
     *
     * @return "1.0" or "1.1"
     */
    public String text() {
        return text;
    }
}
