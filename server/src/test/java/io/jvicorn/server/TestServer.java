package io.jvicorn.server;

import io.jvicorn.asgi.Application;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Starts a server on a free port for one test. */
final class TestServer implements AutoCloseable {
    final Server server;

    private TestServer(Server server) {
        this.server = server;
    }

    static TestServer start(Application app) throws Exception {
        return start(app, b -> b);
    }

    static TestServer start(Application app, UnaryOperator<ServerConfig.Builder> configure) throws Exception {
        ServerConfig config = configure.apply(ServerConfig.builder(app).port(0).loops(2).accessLog(false)
                .lifespan(io.jvicorn.lifespan.LifespanMode.OFF) // test apps handle HTTP only
                .timeoutGracefulShutdown(Duration.ofSeconds(5))).build();
        Server server = new Server(config);
        server.start();
        return new TestServer(server);
    }

    int port() {
        return server.port();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    RawClient raw() throws Exception {
        return new RawClient(port());
    }

    @Override
    public void close() {
        server.close();
    }
}
