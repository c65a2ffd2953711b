package io.jvicorn.server;

import io.jvicorn.engine.TlsEngineFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The engines of a server's TLS listeners, from a context that can be replaced while serving (certificate rotation):
 * connections accepted after {@link #replace} handshake with the new context; open connections keep the one they
 * started with, as nginx's reload and Netty's {@code SslContext} swap do.
 */
final class TlsEngines implements TlsEngineFactory {

    /** One context with the parameters each of its engines gets; replaced whole, so no engine mixes two. */
    private record Setup(SSLContext context, SSLParameters parameters) {
    }

    /** Written by whoever rotates; read on the loop threads at each accept. */
    private volatile Setup setup;
    /** The ALPN ids served, best first. */
    private final List<String> alpn;

    /**
     * @param context    the context
     * @param parameters protocols, cipher suites and client authentication for each engine (copied by each engine)
     * @param alpn       the application protocols served ({@code h2}, {@code http/1.1}), in the server's order of
     *                   preference
     */
    TlsEngines(SSLContext context, SSLParameters parameters, List<String> alpn) {
        this.setup = new Setup(context, parameters);
        this.alpn = List.copyOf(alpn);
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
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> select(offered));
        return engine;
    }

    /**
     * The server's first choice among the client's offers (RFC 7301 §3.2: the server's preference decides). With none
     * in common, no ALPN at all rather than a failed handshake, as nginx does: the client may still speak what it
     * meant, and the protocol's own checks answer it.
     */
    private String select(List<String> offered) {
        for (String id : alpn) {
            if (offered.contains(id)) {
                return id;
            }
        }
        return "";
    }
}
