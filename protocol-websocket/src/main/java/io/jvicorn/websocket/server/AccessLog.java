package io.jvicorn.websocket.server;

import io.jvicorn.asgi.Address;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.server.HttpSettings;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Uvicorn's access log line for a WebSocket handshake: {@code 127.0.0.1:5000 - "WebSocket /ws?x=1" [accepted]}. */
final class AccessLog {
    private static final System.Logger ACCESS = System.getLogger("jvicorn.access");

    private AccessLog() {
    }

    /**
     * Logs how a handshake ended, when the server writes an access log.
     *
     * @param settings the HTTP settings
     * @param client   the client's address
     * @param head     the handshake request
     * @param outcome  {@code [accepted]} or the HTTP status sent instead
     */
    static void handshake(HttpSettings settings, @Nullable Address client, RequestHead head, String outcome) {
        if (!enabled(settings) || !ACCESS.isLoggable(System.Logger.Level.INFO)) {
            return;
        }
        StringBuilder line = new StringBuilder(96);
        line.append(client == null ? "-" : client.toString()).append(" - \"WebSocket ")
                .append(new String(head.rawPath(), StandardCharsets.ISO_8859_1));
        if (head.queryString().length > 0) {
            line.append('?').append(new String(head.queryString(), StandardCharsets.ISO_8859_1));
        }
        ACCESS.log(System.Logger.Level.INFO, line.append("\" ").append(outcome).toString());
    }

    private static boolean enabled(HttpSettings settings) {
        return settings.accessLog() != null;
    }
}
