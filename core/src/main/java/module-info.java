/** jvicorn's application protocol and its server engine (NIO selector loops, virtual threads, timers). */
module io.jvicorn.core {
    requires static org.jspecify;
    exports io.jvicorn.asgi;
    exports io.jvicorn.engine;
}
