package io.jvicorn.server;

import io.jvicorn.engine.TlsEngineFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The engines of a server's TLS listeners, from a context that can be replaced while serving (certificate rotation):
 * connections accepted after {@link #replace} handshake with the new context; open connections keep the one they
 * started with, as nginx's reload and Netty's {@code SslContext} swap do.
 */
final class TlsEngines implements TlsEngineFactory {
    private static final String HTTP_1_1 = "http/1.1";

    /** One context with the parameters each of its engines gets; replaced whole, so no engine mixes two. */
    private record Setup(SSLContext context, SSLParameters parameters) {
    }

    /** Written by whoever rotates; read on the loop threads at each accept. */
    private volatile Setup setup;

    /**
     * @param context    the context
     * @param parameters protocols, cipher suites and client authentication for each engine (copied by each engine)
     */
    TlsEngines(SSLContext context, SSLParameters parameters) {
        this.setup = new Setup(context, parameters);
    }

    /**
     * Uses another context for connections accepted from now on.
     *
     * @param context    the new context
     * @param parameters its engines' parameters
     */
    void replace(SSLContext context, SSLParameters parameters) {
        this.setup = new Setup(context, parameters);
    }

    @Override
    public SSLEngine newEngine() {
        Setup current = setup;
        SSLEngine engine = current.context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(current.parameters);
        // http/1.1 if offered; otherwise no ALPN at all (rather than failing the handshake) so that a client
        // offering only h2 can still fall back, as nginx allows.
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> offered.contains(HTTP_1_1) ? HTTP_1_1 : "");
        return engine;
    }
}
