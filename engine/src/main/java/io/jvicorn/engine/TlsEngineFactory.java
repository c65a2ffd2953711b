package io.jvicorn.engine;

import javax.net.ssl.SSLEngine;

/**
 * Creates the {@link SSLEngine} for each connection accepted on a TLS listener. Called on the connection's loop thread
 * right after the accept, so it should be cheap (an {@code SSLContext.createSSLEngine()} plus parameters).
 */
@FunctionalInterface
public interface TlsEngineFactory {

    /**
     * @return a new engine in server mode ({@code getUseClientMode() == false}), configured (protocols, cipher suites,
     *         client authentication, ALPN) but not yet handshaking
     */
    SSLEngine newEngine();
}
