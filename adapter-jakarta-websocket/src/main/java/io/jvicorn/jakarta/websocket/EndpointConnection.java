package io.jvicorn.jakarta.websocket;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketPongReceive;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket connection to a deployed endpoint, run on the virtual thread jvicorn gives its scope: the opening
 * handshake through the endpoint's configurator (origin, subprotocol, extensions, {@code modifyHandshake}, the
 * endpoint instance), then {@code onOpen}, every message to its handler, and {@code onClose} once the connection ends,
 * whichever side closed it.
 */
final class EndpointConnection {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final AtomicLong IDS = new AtomicLong();

    private final JakartaServerContainer container;
    private final Deployment deployment;
    private final WebSocketScope scope;
    private final Map<String, String> pathParameters;

    EndpointConnection(JakartaServerContainer container, Deployment deployment, WebSocketScope scope,
                       Map<String, String> pathParameters) {
        this.container = container;
        this.deployment = deployment;
        this.scope = scope;
        this.pathParameters = pathParameters;
    }

    void run(Receive receive, Send send) throws Exception {
        receive.receive(); // websocket.connect
        HandshakeView request = new HandshakeView(scope, pathParameters);
        SessionConfig config = new SessionConfig(deployment.config);
        ServerEndpointConfig.Configurator configurator = configurator(deployment.config);

        if (!configurator.checkOrigin(scope.header("origin"))) {
            Denial.send(scope, send, 403, "Origin not allowed");
            return;
        }
        String subprotocol = configurator.getNegotiatedSubprotocol(config.getSubprotocols(), scope.subprotocols());
        List<Extension> extensions = configurator.getNegotiatedExtensions(
                List.copyOf(container.getInstalledExtensions()),
                RequestedExtension.parse(request.getHeaders().getOrDefault(HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS,
                        List.of())));
        HandshakeReply reply = new HandshakeReply();
        Endpoint endpoint;
        Decoders decoders;
        Encoders encoders;
        List<Header> headers;
        try {
            configurator.modifyHandshake(config, request, reply);
            if (reply.subprotocolHeader() != null) {
                subprotocol = reply.subprotocolHeader();
            }
            headers = reply.extraHeaders();
            endpoint = endpoint(configurator, config);
            decoders = Decoders.create(deployment.decoders, config);
            encoders = Encoders.create(deployment.encoders, config);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "WebSocket handshake for " + deployment.template + " failed", e);
            Denial.send(scope, send, 500, "Internal Server Error");
            return;
        }
        String chosen = subprotocol == null || subprotocol.isEmpty() ? null : subprotocol;
        try {
            send.send(new WebSocketAccept(chosen, headers));
        } catch (Exception | Error e) {
            decoders.destroy(); // the client left, or the configurator chose a subprotocol it did not offer
            encoders.destroy();
            throw e;
        }

        JakartaSession session = new JakartaSession(Long.toString(IDS.incrementAndGet()), container, deployment,
                config, request, chosen, extensions, new Outbound(send), decoders, encoders);
        deployment.open.add(session);
        container.idleTimer().watch(session);
        CloseReason closed = new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "");
        try {
            try {
                endpoint.onOpen(session, config);
            } catch (Throwable t) {
                endpoint.onError(session, t);
            }
            closed = receiveAll(receive, session, new Dispatcher(session, endpoint));
        } finally {
            session.ended();
            deployment.open.remove(session);
            try {
                endpoint.onClose(session, closed);
            } catch (Throwable t) {
                endpoint.onError(session, t);
            } finally {
                decoders.destroy();
                encoders.destroy();
            }
        }
    }

    /** Dispatches messages until the connection ends; returns how it ended. */
    private static CloseReason receiveAll(Receive receive, JakartaSession session, Dispatcher dispatcher)
            throws Exception {
        while (true) {
            ReceiveEvent event = receive.receive();
            if (event instanceof WebSocketReceive message) {
                session.touch();
                dispatcher.dispatch(message);
            } else if (event instanceof WebSocketPongReceive pong) {
                session.touch();
                dispatcher.pong(pong.payload());
            } else if (event instanceof WebSocketDisconnect disconnect) {
                session.ended();
                return new CloseReason(CloseReason.CloseCodes.getCloseCode(disconnect.code()), disconnect.reason());
            }
        }
    }

    private Endpoint endpoint(ServerEndpointConfig.Configurator configurator, ServerEndpointConfig config)
            throws InstantiationException {
        AnnotatedModel annotated = deployment.annotated;
        if (annotated != null) {
            Object instance = configurator.getEndpointInstance(annotated.type);
            return new AnnotatedEndpoint(annotated, instance, pathParameters);
        }
        return (Endpoint) configurator.getEndpointInstance(config.getEndpointClass());
    }

    /** The endpoint's configurator; the plain API class (which would ask the service loader) is this container's. */
    private ServerEndpointConfig.Configurator configurator(ServerEndpointConfig config) {
        ServerEndpointConfig.Configurator c = config.getConfigurator();
        return c == null || c.getClass() == ServerEndpointConfig.Configurator.class ? container.defaultConfigurator() : c;
    }
}
