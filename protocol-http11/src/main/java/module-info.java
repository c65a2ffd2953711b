module io.jvicorn.http11 {
    requires static org.jspecify;
    requires transitive io.jvicorn.api;
    requires transitive io.jvicorn.engine;
    requires jdk.jfr;
    exports io.jvicorn.http11.codec;
    exports io.jvicorn.http11.proxy;
    exports io.jvicorn.http11.server;
}
