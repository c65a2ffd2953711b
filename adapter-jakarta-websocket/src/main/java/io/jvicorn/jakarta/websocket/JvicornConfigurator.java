package io.jvicorn.jakarta.websocket;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The container's default {@link ServerEndpointConfig.Configurator} (found by the API through the service loader, and
 * used directly for endpoints that name no configurator of their own): the first subprotocol the client offers that
 * the endpoint supports, the requested extensions that are installed, any origin, no change to the handshake, and a
 * new endpoint instance per connection from its public no-argument constructor.
 */
public class JvicornConfigurator extends ServerEndpointConfig.Configurator {

    /** Creates the default configurator. */
    public JvicornConfigurator() {
    }

    /** @return the first of {@code requested} that is in {@code supported}, or {@code ""} when none is */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String r : requested) {
            if (supported.contains(r)) {
                return r;
            }
        }
        return "";
    }

    /** @return the requested extensions whose name an installed extension has, in the client's order */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        List<Extension> out = new ArrayList<>();
        for (Extension r : requested) {
            for (Extension i : installed) {
                if (i.getName().equals(r.getName())) {
                    out.add(r);
                    break;
                }
            }
        }
        return out;
    }

    /** @return true: any origin (override to restrict, and the handshake is refused with 403) */
    @Override
    public boolean checkOrigin(@Nullable String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        // The default handshake needs nothing more.
    }

    /**
     * @throws InstantiationException when the class has no public no-argument constructor or its constructor failed
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        return Reflection.instantiate(endpointClass);
    }
}
