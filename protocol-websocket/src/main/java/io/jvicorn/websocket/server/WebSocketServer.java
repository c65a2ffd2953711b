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
import io.jvicorn.websocket.codec.HandshakeOutcome;
import io.jvicorn.websocket.codec.HandshakeRejected;
import io.jvicorn.websocket.codec.WebSocketConfig;
import io.jvicorn.websocket.codec.WebSocketHandshake;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * jvicorn's WebSocket server: plugged into the HTTP/1.1 server, it takes over each {@code Upgrade: websocket}
 * request. An invalid handshake gets the codec's 400 or 426; a valid one runs the application with a
 * {@link WebSocketScope} and ASGI's websocket messages, as Uvicorn does.
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
        RequestHead head = request.head();
        HandshakeOutcome outcome = WebSocketHandshake.validate(head.method(), head.version().text(), head.headers(),
                codecConfig);
        switch (outcome) {
            case HandshakeRejected rejected -> reject(request, rejected);
            case HandshakeAccepted accepted -> serve(request, accepted);
        }
    }

    private static void reject(UpgradeRequest request, HandshakeRejected rejected) throws Exception {
        HttpSettings http = request.settings();
        AccessLog.handshake(http, request.client(), request.head(), rejected.status() + " " + rejected.reason());
        byte[] response = rejected.encodeResponse(DefaultHeaderLines.forResponse(http.defaults(), rejected.headers()));
        request.connection().write(ByteBuffer.wrap(response));
    }

    private void serve(UpgradeRequest request, HandshakeAccepted accepted) {
        Transport connection = request.connection();
        SocketEndpoint endpoint = new SocketEndpoint(connection, settings);
        SocketHandler handler = new SocketHandler(endpoint, request.settings());
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
        new AsgiWebSocket(endpoint, handler, request, accepted, scope(request, accepted)).run();
    }

    private static WebSocketScope scope(UpgradeRequest request, HandshakeAccepted accepted) {
        HttpSettings http = request.settings();
        RequestHead head = request.head();
        String scheme = request.scheme();
        List<String> subprotocols = accepted.subprotocols();
        return new WebSocketScope(AsgiVersion.HTTP, "1.1", scheme, request.path(), request.rawPath(),
                head.queryString(), http.rootPath(), head.headers(), request.client(), request.server(), subprotocols,
                request.state(), ScopeParts.webSocketExtensions(request.tls()));
    }
}
