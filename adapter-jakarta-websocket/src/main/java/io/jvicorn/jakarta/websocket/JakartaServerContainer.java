package io.jvicorn.jakarta.websocket;

import io.jvicorn.asgi.Application;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Jakarta WebSocket endpoints deployed for jvicorn. Add endpoints with {@link #addEndpoint(Class)} (a
 * {@code @ServerEndpoint} class) or {@link #addEndpoint(ServerEndpointConfig)} (an annotated class or a programmatic
 * {@link Endpoint}), then serve them with {@link #application(Application)}:
 *
 * <pre>{@code
 * JakartaServerContainer container = new JakartaServerContainer();
 * container.addEndpoint(ChatEndpoint.class);               // @ServerEndpoint("/chat/{room}")
 * Server server = new Server(ServerConfig.builder(container.application(httpApp)).port(8000).build());
 * }</pre>
 *
 * <p>Each connection's callbacks run on the virtual thread jvicorn gives its {@code websocket} scope. Deployment and
 * the default settings are thread-safe; settings apply to sessions opened afterwards. This container is a server: it
 * does not connect to other servers as a client.
 */
public final class JakartaServerContainer implements ServerContainer {
    private final List<Deployment> deployments = new CopyOnWriteArrayList<>();
    private final IdleTimer idleTimer = new IdleTimer();
    private final JvicornConfigurator defaultConfigurator = new JvicornConfigurator();
    private volatile long asyncSendTimeout;
    private volatile long maxSessionIdleTimeout;
    private volatile int maxTextMessageBufferSize = Integer.MAX_VALUE;
    private volatile int maxBinaryMessageBufferSize = Integer.MAX_VALUE;

    /** An empty container: no endpoints, no timeouts, message sizes limited only by the server's own limit. */
    public JakartaServerContainer() {
    }

    /**
     * The application that serves this container's endpoints.
     *
     * @param fallback what serves every other scope (HTTP, lifespan, and WebSocket paths no endpoint matches)
     * @return the application
     */
    public Application application(Application fallback) {
        return new EndpointsApplication(this, fallback);
    }

    /**
     * The application that serves this container's endpoints alone: a WebSocket to any other path is refused with
     * 404, an HTTP request gets 404, and the lifespan protocol is declined.
     *
     * @return the application
     */
    public Application application() {
        return new EndpointsApplication(this, null);
    }

    // ------------------------------------------------------------------ deployment

    /**
     * Deploys a {@code @ServerEndpoint} class.
     *
     * @throws DeploymentException when the class is not annotated, or breaks a rule (the message names the method)
     */
    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        ServerEndpoint annotation = endpointClass.getAnnotation(ServerEndpoint.class);
        if (annotation == null) {
            throw new DeploymentException(endpointClass.getName() + " is not annotated with @ServerEndpoint"
                    + (Endpoint.class.isAssignableFrom(endpointClass)
                    ? "; deploy a programmatic Endpoint with addEndpoint(ServerEndpointConfig)" : ""));
        }
        ServerEndpointConfig.Builder builder = ServerEndpointConfig.Builder.create(endpointClass, annotation.value())
                .subprotocols(Arrays.asList(annotation.subprotocols()))
                .decoders(Arrays.asList(annotation.decoders()))
                .encoders(Arrays.asList(annotation.encoders()));
        if (annotation.configurator() != ServerEndpointConfig.Configurator.class) {
            try {
                builder.configurator(Reflection.instantiate(annotation.configurator()));
            } catch (InstantiationException e) {
                throw new DeploymentException("the configurator of " + endpointClass.getName() + ": "
                        + e.getMessage(), e);
            }
        }
        addEndpoint(builder.build());
    }

    /**
     * Deploys an endpoint from its configuration: a programmatic {@link Endpoint} subclass, or an annotated class.
     *
     * @throws DeploymentException when the path is not a valid template or is taken, a coder cannot be used, or the
     *                             class breaks a rule (the message names the method)
     */
    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        UriTemplate template = UriTemplate.parse(config.getPath());
        Class<?> type = config.getEndpointClass();
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new DeploymentException("endpoint class " + type.getName() + " is not public");
        }
        List<Decoders.Kind> decoders = new ArrayList<>();
        for (Class<? extends Decoder> d : config.getDecoders()) {
            decoders.add(Decoders.kindOf(d));
        }
        List<Encoders.Kind> encoders = new ArrayList<>();
        for (Class<? extends Encoder> e : config.getEncoders()) {
            encoders.add(Encoders.kindOf(e));
        }
        AnnotatedModel annotated = null;
        if (!Endpoint.class.isAssignableFrom(type)) {
            annotated = AnnotatedModel.of(type, template, decoders, encoders);
        }
        ServerEndpointConfig.Configurator configurator = config.getConfigurator();
        boolean defaultInstances = configurator == null
                || configurator.getClass() == ServerEndpointConfig.Configurator.class
                || configurator.getClass() == JvicornConfigurator.class;
        if (defaultInstances) {
            if (Modifier.isAbstract(type.getModifiers())) {
                throw new DeploymentException("endpoint class " + type.getName() + " is abstract");
            }
            try {
                type.getConstructor();
            } catch (NoSuchMethodException e) {
                throw new DeploymentException("endpoint class " + type.getName()
                        + " has no public no-argument constructor (or give it a configurator whose "
                        + "getEndpointInstance makes instances)");
            }
        }
        Deployment deployment = new Deployment(config, template, annotated, decoders, encoders);
        synchronized (deployments) {
            for (Deployment d : deployments) {
                if (d.template.sameShape(template)) {
                    throw new DeploymentException("path " + template + " of " + type.getName()
                            + " is already deployed as " + d.template + " (" + d.config.getEndpointClass().getName()
                            + ")");
                }
            }
            deployments.add(deployment);
        }
    }

    /** Servlet requests are foreign to jvicorn: endpoints are served by {@link #application}. */
    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
                                       Map<String, String> pathParameters) throws DeploymentException {
        throw new DeploymentException("jvicorn has no servlet requests to upgrade; deploy the endpoint with "
                + "addEndpoint and serve it with JakartaServerContainer.application()");
    }

    /**
     * The best endpoint for a path: an exact path first, then templates by the specification's precedence.
     *
     * @return the deployment and its path values, or null
     */
    @Nullable Match match(String path) {
        Match best = null;
        for (Deployment d : deployments) {
            Map<String, String> values = d.template.match(path);
            if (values != null && (best == null || d.template.precedence(best.deployment().template) < 0)) {
                best = new Match(d, values);
            }
        }
        return best;
    }

    record Match(Deployment deployment, Map<String, String> pathParameters) {
    }

    IdleTimer idleTimer() {
        return idleTimer;
    }

    JvicornConfigurator defaultConfigurator() {
        return defaultConfigurator;
    }

    // ------------------------------------------------------------------ defaults

    @Override
    public long getDefaultAsyncSendTimeout() {
        return asyncSendTimeout;
    }

    /** @param timeoutmillis for sessions opened from now on; zero or less: no timeout */
    @Override
    public void setAsyncSendTimeout(long timeoutmillis) {
        asyncSendTimeout = timeoutmillis;
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return maxSessionIdleTimeout;
    }

    /** @param timeout milliseconds, for sessions opened from now on; zero or less: no timeout */
    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        maxSessionIdleTimeout = timeout;
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    /** @param max bytes, for sessions opened from now on; a larger message closes the session with 1009 */
    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        maxBinaryMessageBufferSize = max;
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    /** @param max characters, for sessions opened from now on; a longer message closes the session with 1009 */
    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        maxTextMessageBufferSize = max;
    }

    /**
     * No extension runs at this level: jvicorn negotiates and runs permessage-deflate below the API, invisibly to
     * endpoints.
     *
     * @return an empty set
     */
    @Override
    public Set<Extension> getInstalledExtensions() {
        return Set.of();
    }

    // ------------------------------------------------------------------ not a client

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException {
        throw notAClient();
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException {
        throw notAClient();
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException {
        throw notAClient();
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException {
        throw notAClient();
    }

    private static DeploymentException notAClient() {
        return new DeploymentException("jvicorn's server container does not open client connections; use a client "
                + "container (ContainerProvider.getWebSocketContainer() of a client implementation such as Tyrus's)");
    }
}
