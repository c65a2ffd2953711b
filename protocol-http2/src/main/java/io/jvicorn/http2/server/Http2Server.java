package io.jvicorn.http2.server;

import io.jvicorn.engine.ConnectionHandler;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.server.Http2Handoff;
import io.jvicorn.http11.server.HttpSettings;
import io.jvicorn.http2.session.SessionLimits;

/**
 * Serves HTTP/2 connections with the server's HTTP settings and the HTTP/2 limits; the HTTP/1.1 handler hands it
 * connections that open with the preface, and the server gives it those whose TLS handshake chose {@code h2}.
 *
 * @param settings what every HTTP connection of the server shares (application, scope options, access log, ...)
 * @param limits   the SETTINGS and flood limits of each connection
 */
public record Http2Server(HttpSettings settings, SessionLimits limits) implements Http2Handoff {

    /**
     * {@inheritDoc}
     *
     * @param transport the connection
     * @return a handler that expects the client's preface
     */
    @Override
    public ConnectionHandler handler(Transport transport) {
        return new Http2ConnectionHandler(transport, settings, limits);
    }
}
