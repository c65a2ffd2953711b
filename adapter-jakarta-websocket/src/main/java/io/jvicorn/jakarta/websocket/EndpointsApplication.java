package io.jvicorn.jakarta.websocket;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketScope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The jvicorn application of a {@link JakartaServerContainer}: a {@code websocket} scope whose path (below the root
 * path) an endpoint matches runs that endpoint; every other scope goes to the fallback, or without one gets 404 (a
 * WebSocket refused with 404, an HTTP request answered 404, the lifespan protocol declined).
 */
final class EndpointsApplication implements Application {
    private static final byte[] NOT_FOUND = "Not Found\n".getBytes(StandardCharsets.US_ASCII);

    private final JakartaServerContainer container;
    private final @Nullable Application fallback;

    EndpointsApplication(JakartaServerContainer container, @Nullable Application fallback) {
        this.container = container;
        this.fallback = fallback;
    }

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (scope instanceof WebSocketScope ws) {
            JakartaServerContainer.Match match = container.match(relativePath(ws));
            if (match != null) {
                new EndpointConnection(container, match.deployment(), ws, match.pathParameters()).run(receive, send);
                return;
            }
        }
        if (fallback != null) {
            fallback.call(scope, receive, send);
            return;
        }
        switch (scope) {
            case WebSocketScope ws -> {
                receive.receive(); // websocket.connect
                Denial.send(ws, send, 404, "Not Found");
            }
            case HttpScope http -> {
                send.send(new HttpResponseStart(404, List.of(Header.of("content-type", "text/plain"),
                        Header.of("content-length", Integer.toString(NOT_FOUND.length)))));
                send.send(new HttpResponseBody(NOT_FOUND, false));
            }
            case LifespanScope lifespan -> throw new IllegalArgumentException(
                    "Jakarta WebSocket endpoints have no lifespan; give the container a fallback application for it");
        }
    }

    private static String relativePath(WebSocketScope ws) {
        String path = ws.path();
        String root = ws.rootPath();
        if (!root.isEmpty() && path.startsWith(root)) {
            String rest = path.substring(root.length());
            return rest.isEmpty() ? "/" : rest;
        }
        return path;
    }
}
