package io.jvicorn.server.tls;

import io.jvicorn.asgi.Application;
import io.jvicorn.lifespan.LifespanMode;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.TlsConfig;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Starts a server on a free port of 127.0.0.1 for one test. */
public final class TlsTestServer implements AutoCloseable {
    private final Server server;

    private TlsTestServer(Server server) {
        this.server = server;
    }

    /** Serves {@link ScopeApp} over TLS. */
    static TlsTestServer https(TlsConfig tls) throws Exception {
        return start(new ScopeApp(), b -> b.tls(tls));
    }

    /**
     * @param app       the application
     * @param configure changes to the test defaults (port 0, two loops, no access log, no lifespan)
     * @return the started server
     * @throws Exception if it does not start
     */
    public static TlsTestServer start(Application app, UnaryOperator<ServerConfig.Builder> configure) throws Exception {
        ServerConfig config = configure.apply(ServerConfig.builder(app).port(0).loops(2).accessLog(false)
                .lifespan(LifespanMode.OFF).timeoutGracefulShutdown(Duration.ofSeconds(5))).build();
        Server server = new Server(config);
        server.start();
        return new TlsTestServer(server);
    }

    /** @return the server */
    public Server server() {
        return server;
    }

    int port() {
        return server.port();
    }

    String url(String path) {
        return "https://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        server.close();
    }
}
