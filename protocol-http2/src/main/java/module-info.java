module io.jvicorn.http2 {
    requires static org.jspecify;
    requires transitive io.jvicorn.api;
    exports io.jvicorn.http2.frame;
    exports io.jvicorn.http2.hpack;
    exports io.jvicorn.http2.session;
}
