module io.jvicorn.http2 {
    requires static org.jspecify;
    requires transitive io.jvicorn.api;
    requires transitive io.jvicorn.engine;
    requires transitive io.jvicorn.http11;
    exports io.jvicorn.http2.frame;
    exports io.jvicorn.http2.hpack;
    exports io.jvicorn.http2.session;
    exports io.jvicorn.http2.server;
}
