package io.jvicorn.asgi.rules;

import io.jvicorn.asgi.SendEvent;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketHttpResponseBody;
import io.jvicorn.asgi.WebSocketHttpResponseStart;
import io.jvicorn.asgi.WebSocketSend;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@code websocket} scope stands in the ASGI handshake, and which sends each phase allows: the server's
 * WebSocket handler and the test client check an application's sends with {@link #allows} and fail with
 * {@link #unexpected}'s message (Uvicorn's).
 */
public enum WebSocketPhase {
    /** Waiting for the application's {@code websocket.accept}, {@code websocket.close} or denial response. */
    HANDSHAKE,
    /** The application started a denial response ({@code websocket.http.response.start}); its body follows. */
    DENYING,
    /** The 101 response was sent: frames flow. */
    OPEN,
    /** The handshake was refused (403, a denial response, a 500) or the connection ended before it completed. */
    REFUSED;

    /**
     * Whether this phase takes a send: accept, the denial start and a close (which refuses) in {@link #HANDSHAKE},
     * denial body parts in {@link #DENYING}, messages and a close in {@link #OPEN}, nothing in {@link #REFUSED}.
     *
     * @param event a send of the application
     * @return whether this phase takes it
     */
    public boolean allows(SendEvent event) {
        return switch (event) {
            case WebSocketAccept a -> this == HANDSHAKE;
            case WebSocketHttpResponseStart s -> this == HANDSHAKE;
            case WebSocketHttpResponseBody b -> this == DENYING;
            case WebSocketSend m -> this == OPEN;
            case WebSocketClose c -> this == HANDSHAKE || this == OPEN;
            default -> false;
        };
    }

    /**
     * Checks a denial response's start beyond what the message checks itself: it must be a final response.
     *
     * @param start the application's {@code websocket.http.response.start}
     * @throws IllegalArgumentException for an informational status
     */
    public static void requireFinalStatus(WebSocketHttpResponseStart start) {
        if (start.status() < 200) {
            throw new IllegalArgumentException("a WebSocket denial response needs a final status (200..599), not "
                    + start.status());
        }
    }

    /**
     * Checks an accept's subprotocol against the client's offer.
     *
     * @param subprotocol the application's choice, or null for none
     * @param offered     the scope's {@code subprotocols}
     * @throws IllegalArgumentException when the client did not offer it
     */
    public static void requireOffered(@Nullable String subprotocol, List<String> offered) {
        if (subprotocol != null && !offered.contains(subprotocol)) {
            throw new IllegalArgumentException("subprotocol '" + subprotocol + "' was not offered by the client "
                    + offered);
        }
    }

    /**
     * The error for a send this phase does not take.
     *
     * @param event the send
     * @return Uvicorn's message
     */
    public String unexpected(SendEvent event) {
        if (!isWebSocketSend(event)) {
            return "Unexpected ASGI message '" + event.type() + "' sent to a 'websocket' scope.";
        }
        return switch (this) {
            case HANDSHAKE -> "Expected ASGI message 'websocket.accept', 'websocket.close', or "
                    + "'websocket.http.response.start' but got '" + event.type() + "'.";
            case DENYING -> "Expected ASGI message 'websocket.http.response.body' but got '" + event.type() + "'.";
            case OPEN, REFUSED -> "Expected ASGI message 'websocket.send' or 'websocket.close', but got '"
                    + event.type() + "'.";
        };
    }

    /**
     * The error for any send after the application closed the socket or completed its denial response.
     *
     * @param event the send
     * @return Uvicorn's message
     */
    public static String afterClose(SendEvent event) {
        return "Unexpected ASGI message '" + event.type()
                + "', after sending 'websocket.close' or response already completed.";
    }

    private static boolean isWebSocketSend(SendEvent event) {
        return event instanceof WebSocketAccept || event instanceof WebSocketHttpResponseStart
                || event instanceof WebSocketHttpResponseBody || event instanceof WebSocketSend
                || event instanceof WebSocketClose;
    }
}
