package io.jvicorn.jakarta.websocket;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One deployed endpoint: its configuration, path template, what deployment checked (annotated methods, coders), and
 * its open sessions ({@code Session.getOpenSessions}; added and removed by the sessions' own threads).
 */
final class Deployment {
    final ServerEndpointConfig config;
    final UriTemplate template;
    /** The annotated model, or null for a programmatic {@link Endpoint} subclass. */
    final @Nullable AnnotatedModel annotated;
    final List<Decoders.Kind> decoders;
    final List<Encoders.Kind> encoders;
    final Set<JakartaSession> open = ConcurrentHashMap.newKeySet();

    Deployment(ServerEndpointConfig config, UriTemplate template, @Nullable AnnotatedModel annotated,
               List<Decoders.Kind> decoders, List<Encoders.Kind> encoders) {
        this.config = config;
        this.template = template;
        this.annotated = annotated;
        this.decoders = decoders;
        this.encoders = encoders;
    }
}
