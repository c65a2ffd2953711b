module io.jvicorn.http11 {
    requires static org.jspecify;
    requires transitive io.jvicorn.core;
    exports io.jvicorn.http11.codec;
    exports io.jvicorn.http11.server;
}
