/** jvicorn's server engine: listeners, NIO selector loops, connections (plain and TLS) and timer ticks. Knows nothing of HTTP or of the application protocol. */
module io.jvicorn.engine {
    requires static org.jspecify;
    requires jdk.jfr;
    exports io.jvicorn.engine;
}
