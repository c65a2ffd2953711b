/** jvicorn's sans-IO WebSocket protocol: handshake, framing, message assembly and permessage-deflate. */
module io.jvicorn.websocket {
    requires static org.jspecify;
    requires transitive io.jvicorn.core;
    exports io.jvicorn.websocket.codec;
}
