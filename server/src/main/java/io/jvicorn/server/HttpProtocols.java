package io.jvicorn.server;

import java.util.List;

/** Which HTTP versions the server speaks ({@code --http}, named as Granian names them). */
public enum HttpProtocols {
    /**
     * HTTP/1.1 and HTTP/2: over TLS, ALPN picks {@code h2} when the client offers it, else {@code http/1.1}; on a plain
     * listener, a connection that opens with HTTP/2's preface (prior knowledge) is HTTP/2.
     */
    AUTO(List.of("h2", "http/1.1")),
    /** HTTP/1.1 only: ALPN offers {@code http/1.1}, and HTTP/2's preface gets HTTP/1.1's 400. */
    HTTP_1(List.of("http/1.1")),
    /** HTTP/2 only: ALPN offers {@code h2}; every connection is HTTP/2, and anything else is a connection error. */
    HTTP_2(List.of("h2"));

    private final List<String> alpn;

    HttpProtocols(List<String> alpn) {
        this.alpn = alpn;
    }

    /** @return the ALPN protocol ids served, in the server's order of preference */
    public List<String> alpn() {
        return alpn;
    }
}
