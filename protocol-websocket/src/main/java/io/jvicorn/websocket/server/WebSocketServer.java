package io.jvicorn.websocket.server;

import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.rules.ScopeParts;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.server.HttpSettings;
import io.jvicorn.http11.server.UpgradeRequest;
import io.jvicorn.http11.server.WebSocketUpgrade;
import io.jvicorn.websocket.codec.HandshakeAccepted;
import io.jvicorn.websocket.codec.HandshakeRejected;
import io.jvicorn.websocket.codec.WebSocketConfig;
import java.util.List;

/**
 * jvicorn's WebSocket server: plugged into the HTTP server, it takes over each {@code Upgrade: websocket} request
 * (HTTP/1.1) and each extended CONNECT with {@code :protocol websocket} (HTTP/2, RFC 8441; the stream is then its
 * connection, see {@link io.jvicorn.http11.server.UpgradeStream}). An invalid handshake gets the codec's 400 or 426;
 * a valid one runs the application with a {@link WebSocketScope} and ASGI's websocket messages, as Uvicorn does.
 */
public final class WebSocketServer implements WebSocketUpgrade {

    private final WebSocketServerSettings settings;
    private final WebSocketConfig codecConfig;

    /**
     * @param settings limits, keepalive and compression
     */
    public WebSocketServer(WebSocketServerSettings settings) {
        this.settings = settings;
        this.codecConfig = settings.codecConfig();
    }

    /** @return the settings */
    public WebSocketServerSettings settings() {
        return settings;
    }

    @Override
    public void run(UpgradeRequest request) throws Exception {
        HandshakeWire wire = HandshakeWire.of(request);
        switch (wire.validate(codecConfig)) {
            case HandshakeRejected rejected -> reject(request, wire, rejected);
            case HandshakeAccepted accepted -> serve(request, wire, accepted);
        }
    }

    private static void reject(UpgradeRequest request, HandshakeWire wire, HandshakeRejected rejected)
            throws Exception {
        AccessLog.handshake(request.settings(), request.client(), request.head(),
                rejected.status() + " " + rejected.reason());
        wire.rejection(rejected).run();
    }

    private void serve(UpgradeRequest request, HandshakeWire wire, HandshakeAccepted accepted) {
        Transport connection = request.connection();
        SocketEndpoint endpoint = new SocketEndpoint(connection, settings);
        SocketHandler handler = new SocketHandler(endpoint, request.settings(), wire);
        connection.execute(() -> {
            if (connection.isOpen()) {
                connection.replaceHandler(handler);
                if (request.shuttingDown().getAsBoolean()) {
                    handler.onShutdown(); // the shutdown reached the HTTP handler first: pass it on
                }
            } else {
                handler.closedBeforeInstall();
            }
        });
        new AsgiWebSocket(endpoint, handler, request, accepted, wire, scope(request, accepted)).run();
    }

    private static WebSocketScope scope(UpgradeRequest request, HandshakeAccepted accepted) {
        HttpSettings http = request.settings();
        RequestHead head = request.head();
        String scheme = request.scheme();
        List<String> subprotocols = accepted.subprotocols();
        return new WebSocketScope(AsgiVersion.HTTP, head.version().text(), scheme, request.path(), request.rawPath(),
                head.queryString(), http.rootPath(), head.headers(), request.client(), request.server(), subprotocols,
                request.state(), ScopeParts.webSocketExtensions(request.tls()));
    }
}
