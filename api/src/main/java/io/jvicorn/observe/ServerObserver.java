package io.jvicorn.observe;

/**
 * Told of a server's connections, requests, parse errors and WebSocket sessions as they happen: the hook for metrics
 * (jvicorn's own Prometheus registry is one), OpenTelemetry bridges and frameworks. Every method has an empty default,
 * so an observer implements only what it needs.
 *
 * <p>Calls come from the server's threads: the selector loops (connections, parse errors, received WebSocket
 * messages) and the threads that run the application (requests, WebSocket sessions, sent messages), many at once. An
 * observer must therefore be thread-safe, must return quickly and must never block: a slow observer slows every
 * request of its loop. It must not throw either: the server does not catch for it, so an exception breaks the
 * connection or request being reported. The arguments are the server's own objects, passed
 * without copying; a server without an observer calls {@link #NONE}, whose methods do nothing.
 *
 * <p>{@link #requestStarted} and {@link #requestFinished} of one request are called on the same thread, the one that
 * runs the application for it, before and after it; a tracing bridge may keep per-request state in a
 * {@code ThreadLocal} between the two. WebSocket upgrades are not requests here: they are reported as sessions.
 */
public interface ServerObserver {
    /** Observes nothing. */
    ServerObserver NONE = new ServerObserver() {
    };

    /** A connection was accepted and its HTTP handler installed. Selector loop thread. */
    default void connectionOpened() {
    }

    /** A connection closed (also one that had been upgraded to a WebSocket). Selector loop thread. */
    default void connectionClosed() {
    }

    /**
     * A request was answered with 503 and its connection closed because the server was at its concurrency limit
     * ({@code --limit-concurrency}); the application did not see it, and it is not reported as a request.
     */
    default void connectionRejected() {
    }

    /**
     * The application is about to be called for a request.
     *
     * @param method the request method, as the client sent it
     */
    default void requestStarted(String method) {
    }

    /**
     * The application returned (or failed) and the response is complete, or will never be.
     *
     * @param method        the request method
     * @param status        the response status, or 0 if none was sent (the client left first)
     * @param bytesIn       request body bytes received
     * @param bytesOut      response body bytes sent (as the access log counts them)
     * @param durationNanos from just before the application was called until the response was complete
     */
    default void requestFinished(String method, int status, long bytesIn, long bytesOut, long durationNanos) {
    }

    /**
     * A request could not be parsed (or was too slow or too large) and was answered with an error status.
     *
     * @param violation the name of the rule it broke, an HTTP codec's violation constant such as
     *                  {@code INVALID_HEADER_NAME} or {@code REQUEST_HEADER_TIMEOUT}
     */
    default void parseError(String violation) {
    }

    /** The application accepted a WebSocket; the session is open. Application thread. */
    default void webSocketOpened() {
    }

    /**
     * A WebSocket session that was opened has ended (the application returned and the connection is done).
     *
     * @param durationNanos from the accept until the end
     */
    default void webSocketClosed(long durationNanos) {
    }

    /**
     * A complete WebSocket message arrived and was queued for the application. Selector loop thread.
     *
     * @param text true for a text message, false for a binary one
     */
    default void webSocketMessageReceived(boolean text) {
    }

    /**
     * The application sent a WebSocket message. Application thread.
     *
     * @param text true for a text message, false for a binary one
     */
    default void webSocketMessageSent(boolean text) {
    }
}
