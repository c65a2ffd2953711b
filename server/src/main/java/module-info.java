/** The embeddable jvicorn server: wires the engine, HTTP/1.1, WebSocket and lifespan together. */
module io.jvicorn.server {
    requires static org.jspecify;
    requires transitive io.jvicorn.api;
    requires transitive io.jvicorn.engine;
    requires transitive io.jvicorn.http11;
    requires transitive io.jvicorn.lifespan;
    requires io.jvicorn.websocket;
    requires jdk.unsupported;
    requires transitive io.jvicorn.http2;
    exports io.jvicorn.server;
    exports io.jvicorn.server.metrics;
    exports io.jvicorn.server.signal to io.jvicorn.cli;
}
