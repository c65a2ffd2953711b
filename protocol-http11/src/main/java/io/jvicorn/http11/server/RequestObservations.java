package io.jvicorn.http11.server;

import io.jvicorn.engine.FlightEvents;
import io.jvicorn.observe.ServerObserver;
import org.jspecify.annotations.Nullable;

/**
 * How every HTTP version reports an application request to the {@link ServerObserver} and to JFR, defined once:
 * {@link #started} before the application is called, {@link #finished} once its response is complete or abandoned.
 * Static, so a request costs no allocation while no JFR recording wants the event.
 */
public final class RequestObservations {
    private RequestObservations() {
    }

    /**
     * A request's application is about to run.
     *
     * @param observer the server's observer
     * @param method   the request method
     * @return the JFR event to pass to {@link #finished}, or null when no recording wants it
     */
    public static @Nullable RequestEvent started(ServerObserver observer, String method) {
        RequestEvent recorded = FlightEvents.recording() ? RequestEvent.beginIfEnabled() : null;
        observer.requestStarted(method);
        return recorded;
    }

    /**
     * The request's application returned and its response is complete (or abandoned).
     *
     * @param observer       the server's observer
     * @param recorded       what {@link #started} returned
     * @param method         the request method
     * @param path           the request path, for the JFR event
     * @param status         the response status, 0 if none was sent
     * @param bytesIn        request body bytes received
     * @param bytesOut       response body bytes sent
     * @param durationNanos  how long since the application was called
     */
    public static void finished(ServerObserver observer, @Nullable RequestEvent recorded, String method, String path,
            int status, long bytesIn, long bytesOut, long durationNanos) {
        observer.requestFinished(method, status, bytesIn, bytesOut, durationNanos);
        if (recorded != null) {
            recorded.method = method;
            recorded.path = path;
            recorded.status = status;
            recorded.bytesIn = bytesIn;
            recorded.bytesOut = bytesOut;
            FlightEvents.commit(recorded);
        }
    }
}
