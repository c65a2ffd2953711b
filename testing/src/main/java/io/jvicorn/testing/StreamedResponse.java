package io.jvicorn.testing;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpResponseTrailers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * A response read as the application sends it: status and headers once it started, then the body chunk by chunk
 * ({@link #nextChunk()}, or {@link #chunks()} in a for-each loop), then the trailers. Closing it before the body ended
 * is the client going away: the application's receive returns {@code http.disconnect} and its next send fails.
 * Closing waits for the application to return and, with {@code raiseServerExceptions}, rethrows its failure.
 *
 * <p>Used by one test thread.
 */
public final class StreamedResponse implements AutoCloseable {
    private static final String NOT_STARTED = "ASGI callable returned without starting response.";
    private static final String NOT_COMPLETED = "ASGI callable returned without completing response.";

    private final HttpCall call;
    private final Duration timeout;
    private final boolean raise;
    private final int status;
    private final List<Header> headers;
    private final boolean trailersAnnounced;
    private final List<Header> trailers = new ArrayList<>();
    private boolean complete;
    private boolean finished;
    private byte @Nullable [] serverBody;

    private StreamedResponse(HttpCall call, Duration timeout, boolean raise, int status, List<Header> headers,
                             boolean trailersAnnounced, byte @Nullable [] serverBody) {
        this.call = call;
        this.timeout = timeout;
        this.raise = raise;
        this.status = status;
        this.headers = headers;
        this.trailersAnnounced = trailersAnnounced;
        this.serverBody = serverBody;
        if (serverBody != null) {
            complete = true;
            finished = true;
        }
    }

    /** Starts the call and waits for the response to start (or for the server's 500 when it never does). */
    static StreamedResponse open(HttpCall call, Duration timeout, boolean raise) throws InterruptedException {
        call.start();
        Object first = call.next(timeout);
        if (first instanceof HttpResponseStart start) {
            return new StreamedResponse(call, timeout, raise, start.status(), start.headers(), start.trailers(), null);
        }
        HttpCall.Finished end = (HttpCall.Finished) first;
        Throwable failure = end.failure();
        if (raise) {
            throw failure != null ? new ApplicationFailedException("the application failed on " + call, failure)
                    : new ApplicationFailedException(NOT_STARTED);
        }
        // What the server answers then: a plain 500 that closes the connection.
        byte[] body = "Internal Server Error".getBytes(StandardCharsets.UTF_8);
        return new StreamedResponse(call, timeout, false, 500, List.of(
                Header.of("content-type", "text/plain; charset=utf-8"),
                Header.of("content-length", Integer.toString(body.length)),
                Header.of("connection", "close")), false, body);
    }

    /** @return the status code */
    public int status() {
        return status;
    }

    /** @return the response headers as the application sent them */
    public List<Header> headers() {
        return headers;
    }

    /**
     * @param name a header name, matched ignoring case
     * @return its first value, or null
     */
    public @Nullable String header(String name) {
        return Header.first(headers, name);
    }

    /**
     * The next body part the application sent (empty parts are skipped, as they put nothing on the wire).
     *
     * @return the bytes, or null once the body ended (trailers, if any, are then read)
     * @throws ApplicationFailedException when the application returns or fails before completing its response
     */
    public byte @Nullable [] nextChunk() throws InterruptedException {
        byte[] fromServer = serverBody;
        if (fromServer != null) {
            serverBody = null;
            return fromServer;
        }
        while (!complete) {
            Object o = call.next(timeout);
            switch (o) {
                case HttpResponseBody part -> {
                    if (!part.moreBody() && !trailersAnnounced) {
                        complete = true;
                    }
                    if (part.body().length > 0 && !call.bodyless(status)) {
                        return part.body();
                    }
                }
                case HttpResponseTrailers t -> {
                    trailers.addAll(t.headers());
                    complete = !t.moreTrailers();
                }
                case HttpCall.Finished end -> {
                    finished = true;
                    Throwable failure = end.failure();
                    if (failure != null && raise) {
                        throw new ApplicationFailedException("the application failed on " + call, failure);
                    }
                    throw failure != null ? new ApplicationFailedException(NOT_COMPLETED, failure)
                            : new ApplicationFailedException(NOT_COMPLETED);
                }
                default -> throw new AssertionError("the cycle let through " + o);
            }
        }
        return null;
    }

    /**
     * The body parts in a for-each loop; see {@link #nextChunk()}.
     *
     * @return a single-use iterable
     */
    public Iterable<byte[]> chunks() {
        return () -> new Iterator<>() {
            private byte @Nullable [] next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = nextChunk();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for the application", e);
                    }
                }
                return next != null;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] n = next;
                next = null;
                assert n != null;
                return n;
            }
        };
    }

    /**
     * The trailer fields, once the body has been read to its end.
     *
     * @return the fields the application sent, in order
     * @throws IllegalStateException before the response is complete
     */
    public List<Header> trailers() {
        if (!complete) {
            throw new IllegalStateException("read the body to its end before the trailers");
        }
        return List.copyOf(trailers);
    }

    /** @return whether the application completed its response */
    public boolean isComplete() {
        return complete;
    }

    /**
     * Ends the exchange: disconnects if the response is not complete, then waits for the application to return.
     *
     * @throws ApplicationFailedException when the application failed (with {@code raiseServerExceptions}) or does not
     *                                    return within the client's timeout after the disconnect
     */
    @Override
    public void close() {
        try {
            end();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the application to return", e);
        }
    }

    private void end() throws InterruptedException {
        if (finished) {
            return;
        }
        finished = true;
        if (!complete) {
            call.disconnect();
            if (!call.awaitReturn(timeout)) {
                throw new ApplicationFailedException("the application did not return within " + timeout
                        + " after the client disconnected from " + call);
            }
        } else {
            Object last = call.next(timeout); // the cycle refuses any send after a complete response
            assert last instanceof HttpCall.Finished : last;
        }
        Throwable failure = call.failure();
        if (failure != null && raise) {
            throw new ApplicationFailedException("the application failed on " + call, failure);
        }
    }
}
