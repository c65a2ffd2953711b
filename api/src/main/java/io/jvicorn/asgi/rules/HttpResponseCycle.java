package io.jvicorn.asgi.rules;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponsePathsend;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpResponseTrailers;
import io.jvicorn.asgi.SendEvent;
import io.jvicorn.http.HttpSyntax;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which sends an application may make in an {@code http} scope, and in what order: start, body parts, the trailers it
 * announced, with a declared {@code content-length} kept. The server's HTTP/1.1 exchange and the test client both
 * check every send here first, so an application that breaks the order fails the same way (Uvicorn's messages) in a
 * test as in production.
 *
 * <p>Transitions ({@link State}):
 * <pre>
 * AWAITING_START --start--------------------------&gt; BODY
 * BODY           --body(more) / pathsend chunk----&gt; BODY
 * BODY           --final body, trailers announced-&gt; TRAILERS
 * BODY           --final body--------------------&gt; COMPLETE
 * TRAILERS       --trailers(more)----------------&gt; TRAILERS
 * TRAILERS       --last trailers-----------------&gt; COMPLETE
 * </pre>
 * Anything else throws {@link IllegalStateException} and leaves the state as it was.
 *
 * <p>Not thread-safe: owned by the thread running the application's exchange. Reusable with {@link #begin}.
 */
public final class HttpResponseCycle {

    /** Where the response stands. */
    public enum State {
        /** Nothing sent yet. */
        AWAITING_START,
        /** Started; body parts may follow. */
        BODY,
        /** The final body part was sent and trailers were announced. */
        TRAILERS,
        /** The response is complete. */
        COMPLETE
    }

    private State state = State.AWAITING_START;
    private boolean headRequest;
    private boolean trailersAnnounced;
    /** The declared content-length that will be enforced, or -1 (none, or a response that carries no body). */
    private long declaredLength = -1;
    private long sent;

    /**
     * Starts over for a new request.
     *
     * @param headRequest whether the request is a HEAD (its response carries no body, so no length is enforced)
     */
    public void begin(boolean headRequest) {
        this.headRequest = headRequest;
        state = State.AWAITING_START;
        trailersAnnounced = false;
        declaredLength = -1;
        sent = 0;
    }

    /** @return where the response stands */
    public State state() {
        return state;
    }

    /**
     * Checks a send and moves on. For {@link HttpResponsePathsend} only the order is checked here: the file's bytes
     * are then passed to {@link #fileBody} as they are read.
     *
     * @param event what the application sends
     * @throws IllegalStateException    when the event is not allowed now, with Uvicorn's message
     * @throws IllegalArgumentException for a start with a malformed {@code content-length}
     */
    public void accept(SendEvent event) {
        switch (event) {
            case HttpResponseStart start -> start(start);
            case HttpResponseBody part -> {
                requireBodyAllowed(event);
                body(part.body().length, part.moreBody());
            }
            case HttpResponseTrailers trailers -> trailers(trailers);
            case HttpResponsePathsend file -> requireBodyAllowed(file);
            default -> throw new IllegalStateException(
                    "Unexpected ASGI message '" + event.type() + "' sent to an 'http' scope.");
        }
    }

    /**
     * A part of a file sent with {@link HttpResponsePathsend}, after {@link #accept} took the event.
     *
     * @param length   the part's length
     * @param moreBody false for the end of the file
     * @throws IllegalStateException when the file does not match the declared {@code content-length}
     */
    public void fileBody(long length, boolean moreBody) {
        requireBodyAllowed(null);
        body(length, moreBody);
    }

    private void start(HttpResponseStart start) {
        if (state != State.AWAITING_START) {
            throw new IllegalStateException(state == State.COMPLETE
                    ? "Unexpected ASGI message 'http.response.start' sent, after response already completed."
                    : "Expected ASGI message 'http.response.body', but got 'http.response.start'.");
        }
        long length = declaredLength(start.headers());
        int status = start.status();
        boolean bodyless = headRequest || status < 200 || status == 204 || status == 304;
        declaredLength = bodyless ? -1 : length;
        trailersAnnounced = start.trailers();
        state = State.BODY;
    }

    private void requireBodyAllowed(@Nullable SendEvent event) {
        String type = event == null ? "http.response.pathsend" : event.type();
        switch (state) {
            case AWAITING_START -> throw new IllegalStateException(
                    "Expected ASGI message 'http.response.start', but got '" + type + "'.");
            case COMPLETE -> throw new IllegalStateException(
                    "Unexpected ASGI message '" + type + "' sent, after response already completed.");
            case TRAILERS -> throw new IllegalStateException("Response already complete");
            case BODY -> {
            }
        }
    }

    private void body(long length, boolean moreBody) {
        if (declaredLength >= 0) {
            if (sent + length > declaredLength) {
                throw new IllegalStateException("Response content longer than Content-Length");
            }
            if (!moreBody && sent + length < declaredLength) {
                throw new IllegalStateException("Response content shorter than Content-Length");
            }
        }
        sent += length;
        if (!moreBody) {
            state = trailersAnnounced ? State.TRAILERS : State.COMPLETE;
        }
    }

    private void trailers(HttpResponseTrailers trailers) {
        switch (state) {
            case AWAITING_START -> throw new IllegalStateException(
                    "Expected ASGI message 'http.response.start', but got 'http.response.trailers'.");
            case COMPLETE -> throw new IllegalStateException(trailersAnnounced ? "Response already complete"
                    : "Response trailers were not announced in the response start");
            case BODY -> throw new IllegalStateException(trailersAnnounced
                    ? "Response trailers sent before the final body part"
                    : "Response trailers were not announced in the response start");
            case TRAILERS -> {
                if (!trailers.moreTrailers()) {
                    state = State.COMPLETE;
                }
            }
        }
    }

    /** The first {@code content-length} (the one the server honours), or -1. */
    private static long declaredLength(List<Header> headers) {
        for (Header h : headers) {
            if (h.is("content-length")) {
                long n = HttpSyntax.contentLength(h.value());
                if (n < 0) {
                    throw new IllegalArgumentException("malformed content-length header: '" + h.value() + "'");
                }
                return n;
            }
        }
        return -1;
    }
}
