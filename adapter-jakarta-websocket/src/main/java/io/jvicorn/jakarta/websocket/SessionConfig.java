package io.jvicorn.jakarta.websocket;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployed configuration as one connection sees it: the same in every respect but the user properties, which are
 * a copy, so what {@code modifyHandshake} stores there belongs to this connection (Jakarta WebSocket 2.1, §3.1.5).
 */
final class SessionConfig implements ServerEndpointConfig {
    private final ServerEndpointConfig deployed;
    private final Map<String, Object> userProperties;

    SessionConfig(ServerEndpointConfig deployed) {
        this.deployed = deployed;
        this.userProperties = Collections.synchronizedMap(new HashMap<>(deployed.getUserProperties()));
    }

    @Override
    public Class<?> getEndpointClass() {
        return deployed.getEndpointClass();
    }

    @Override
    public String getPath() {
        return deployed.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return deployed.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return deployed.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return deployed.getConfigurator();
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return deployed.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return deployed.getDecoders();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }
}
