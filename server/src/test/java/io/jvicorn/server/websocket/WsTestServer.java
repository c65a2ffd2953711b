package io.jvicorn.server.websocket;

import io.jvicorn.asgi.Application;
import io.jvicorn.lifespan.LifespanMode;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.websocket.server.WebSocketServer;
import io.jvicorn.websocket.server.WebSocketServerSettings;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** A server on a free port for one WebSocket test. */
final class WsTestServer implements AutoCloseable {
    final Server server;

    private WsTestServer(Server server) {
        this.server = server;
    }

    static WsTestServer start(Application app) throws Exception {
        return start(app, b -> b, null);
    }

    static WsTestServer start(Application app, UnaryOperator<ServerConfig.Builder> configure) throws Exception {
        return start(app, configure, null);
    }

    /**
     * @param webSocket settings for a WebSocket server built directly (to set what ServerConfig does not, such as the
     *                  close timeout), or null for the one {@code new Server(config)} builds
     */
    static WsTestServer start(Application app, UnaryOperator<ServerConfig.Builder> configure,
                              @Nullable WebSocketServerSettings webSocket) throws Exception {
        ServerConfig config = configure.apply(ServerConfig.builder(app).port(0).loops(2).accessLog(false)
                .lifespan(LifespanMode.OFF).timeoutGracefulShutdown(Duration.ofSeconds(5))).build();
        Server server = webSocket == null ? new Server(config) : new Server(config, new WebSocketServer(webSocket));
        server.start();
        return new WsTestServer(server);
    }

    int port() {
        return server.port();
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    RawWebSocket raw() throws Exception {
        return new RawWebSocket(port());
    }

    @Override
    public void close() {
        server.close();
    }
}
