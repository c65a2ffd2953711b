/** jvicorn's WebSocket protocol: the sans-IO codec (handshake, framing, permessage-deflate) and the server on top. */
module io.jvicorn.websocket {
    requires static org.jspecify;
    requires transitive io.jvicorn.api;
    requires transitive io.jvicorn.engine;
    requires transitive io.jvicorn.http11;
    requires jdk.jfr;
    exports io.jvicorn.websocket.codec;
    exports io.jvicorn.websocket.server;
}
