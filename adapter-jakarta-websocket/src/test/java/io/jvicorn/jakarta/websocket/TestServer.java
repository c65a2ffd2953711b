package io.jvicorn.jakarta.websocket;

import io.jvicorn.asgi.Application;
import io.jvicorn.lifespan.LifespanMode;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import java.net.URI;
import java.time.Duration;

/** A jvicorn server on a free loopback port serving one application. */
final class TestServer implements AutoCloseable {
    private final Server server;

    private TestServer(Server server) {
        this.server = server;
    }

    static TestServer start(Application app) throws Exception {
        Server server = new Server(ServerConfig.builder(app).host("127.0.0.1").port(0).loops(1).accessLog(false)
                .lifespan(LifespanMode.OFF).timeoutGracefulShutdown(Duration.ofSeconds(5)).build());
        server.start();
        return new TestServer(server);
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
