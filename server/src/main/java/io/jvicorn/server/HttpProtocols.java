package io.jvicorn.server;

/** Which HTTP versions the server speaks ({@code --http}, named as Granian names them). */
public enum HttpProtocols {
    /** HTTP/1.1, and HTTP/2 on connections that open with its preface (prior knowledge). */
    AUTO,
    /** HTTP/1.1 only: HTTP/2's preface gets HTTP/1.1's 400. */
    HTTP_1,
    /** HTTP/2 only: every connection is HTTP/2 (prior knowledge); anything else is a connection error. */
    HTTP_2
}
