/**
 * Jakarta WebSocket 2.2 server endpoints served as a jvicorn {@code Application}: annotated and programmatic
 * endpoints, their configurators, encoders and decoders, on jvicorn's WebSocket protocol.
 */
module io.jvicorn.jakarta.websocket {
    requires static org.jspecify;
    requires transitive io.jvicorn.api;
    requires transitive jakarta.websocket;
    exports io.jvicorn.jakarta.websocket;
    provides jakarta.websocket.server.ServerEndpointConfig.Configurator
            with io.jvicorn.jakarta.websocket.JvicornConfigurator;
}
