/** Small example applications for jvicorn and a program that embeds the server. */
module io.jvicorn.examples {
    requires static org.jspecify;
    requires io.jvicorn.server;
    requires io.jvicorn.jakarta.websocket;
    exports io.jvicorn.examples;
    exports io.jvicorn.examples.jakarta;
}
