package io.jvicorn.http2.server;

import io.jvicorn.asgi.ClientDisconnectedException;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponsePathsend;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpResponseTrailers;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.SendEvent;
import io.jvicorn.http.HttpSyntax;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.server.AppGeneration;
import io.jvicorn.http11.server.ExchangeSupport;
import io.jvicorn.http11.server.HttpSettings;
import io.jvicorn.http11.server.RequestBody;
import io.jvicorn.http11.server.RequestEvent;
import io.jvicorn.http11.server.RequestObservations;
import io.jvicorn.http11.server.ServerActivity;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/2 stream's request-response cycle: the application runs on the stream's own virtual thread with the
 * request's {@code http} scope ({@code http_version} "2"), reads the body from a {@link RequestBody} the loop fills
 * (each chunk it takes re-opens the client's window), and hands each response part to the loop as an {@link Outgoing},
 * waiting until the session has taken all of it (so a stream waiting for the client's window parks its thread, and
 * nothing is buffered beyond one part per stream). Uvicorn's rules for an application that fails or returns early, as
 * HTTP/1.1 applies them.
 *
 * <p>Threads: the application-facing fields belong to the stream's thread; the {@link PartHandoff} is shared with the
 * loop.
 */
final class StreamExchange extends ServerStream {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final int PATHSEND_CHUNK = 64 * 1024;
    private static final byte[] NO_BYTES = new byte[0];

    final RequestHead head;
    final RequestBody body;
    private final Http2ConnectionHandler connection;
    private final HttpSettings settings;
    private final ExchangeSupport support;
    /** Posts {@link Http2ConnectionHandler#pump} of this stream to the loop (one object per stream, not per part). */
    private final Runnable pumpOnLoop;
    private volatile @Nullable Thread runner;
    private volatile boolean cancelled;

    // The stream's thread's own.
    private int status;
    private @Nullable List<Header> fields;
    private boolean headersQueued;
    private boolean trailersExpected;
    private final List<Header> trailerFields = new ArrayList<>();
    private boolean complete;
    private long declaredLength = -1;
    private long bodyBytes;
    private long bytesIn;

    StreamExchange(int id, RequestHead head, boolean complete, Http2ConnectionHandler connection,
            HttpSettings settings, ExchangeSupport support) {
        super(id);
        this.head = head;
        this.body = new RequestBody(complete);
        this.connection = connection;
        this.settings = settings;
        this.support = support;
        Runnable pump = () -> connection.pump(this);
        this.pumpOnLoop = () -> connection.execute(pump);
    }

    // ------------------------------------------------------------------------------------------ loop side

    /** The stream is gone (reset, or the connection closed): the application sees the disconnect. */
    @Override
    void fail() {
        parts.fail();
        body.finish();
    }

    /** Request body octets: queued for the application (bounded by the stream's window: the session refuses more). */
    @Override
    void data(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        body.offer(copy);
    }

    @Override
    void end() {
        body.complete();
    }

    /** The server's graceful shutdown ran out of time: the application is interrupted. */
    @Override
    void cancel() {
        cancelled = true;
        fail();
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------ stream's thread

    /** Runs the application, then completes or resets the response and hands the stream back to the loop. */
    void run() {
        ServerActivity activity = settings.activity();
        Integer limit = settings.limitConcurrency();
        if (limit != null && activity.overLimit(limit)) {
            refuse(activity);
            return;
        }
        AppGeneration generation = taskStarted(activity);
        Thread thread = Thread.currentThread();
        HttpScope scope = support.scope(head, generation);
        RequestEvent recorded = RequestObservations.started(activity.observer(), head.method());
        long start = System.nanoTime();
        runner = thread;
        Throwable failure = null;
        try {
            generation.app().call(scope, this::receive, this::send);
        } catch (ClientDisconnectedException e) {
            LOG.log(System.Logger.Level.DEBUG, "client disconnected: {0}", e.getMessage());
        } catch (InterruptedException | InterruptedIOException e) {
            if (!cancelled) {
                failure = e;
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            runner = null;
            Thread.interrupted();
        }
        try {
            afterApplication(scope, failure);
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "stream {0}: response not completed: {1}", id, e.toString());
        }
        if (status != 0) {
            support.accessLog(scope, head, status, bodyBytes, start);
        }
        RequestObservations.finished(activity.observer(), recorded, head.method(), scope.path(), status, bytesIn,
                bodyBytes, System.nanoTime() - start);
        int dropped = body.finish();
        boolean incomplete = headersQueued && !complete;
        connection.execute(() -> connection.finished(this, dropped, incomplete));
        activity.taskFinished(generation);
    }

    /**
     * Uvicorn's {@code --limit-concurrency}, per stream: 503 without calling the application. HTTP/1.1 closes its
     * connection after the 503; here the connection's other streams go on, and the client may retry on it.
     */
    private void refuse(ServerActivity activity) {
        LOG.log(System.Logger.Level.WARNING, "Exceeded concurrency limit.");
        activity.observer().connectionRejected(); // before the client can read the 503 and look
        long start = System.nanoTime();
        try {
            plain(503, "Service Unavailable");
        } catch (IOException | InterruptedException e) {
            LOG.log(System.Logger.Level.DEBUG, "stream {0}: 503 not sent: {1}", id, e.toString());
        }
        support.accessLogRefused(head, status, bodyBytes, start); // no scope built for a request that never runs
        int dropped = body.finish();
        connection.execute(() -> connection.finished(this, dropped, false));
    }

    private void afterApplication(HttpScope scope, @Nullable Throwable failure)
            throws IOException, InterruptedException {
        if (cancelled) {
            if (!headersQueued && !isGone()) {
                plain(503, "Service Unavailable");
            }
            return;
        }
        if (failure != null) {
            LOG.log(System.Logger.Level.ERROR, "Exception in ASGI application", failure);
            if (!headersQueued && !isGone()) {
                byte[] page = support.debugPage(failure, scope);
                if (page != null) {
                    respond(500, ExchangeSupport.DEBUG_PAGE_CONTENT_TYPE, page);
                } else {
                    plain(500, "Internal Server Error");
                }
            }
            return;
        }
        if (!headersQueued) {
            if (!isGone()) {
                LOG.log(System.Logger.Level.ERROR, "ASGI callable returned without starting response.");
                plain(500, "Internal Server Error");
            }
        } else if (!complete && !isGone()) {
            LOG.log(System.Logger.Level.ERROR, "ASGI callable returned without completing response.");
        }
    }

    private boolean isGone() {
        return parts.isGone();
    }

    private void plain(int code, String text) throws IOException, InterruptedException {
        respond(code, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** A whole response the server writes for the application. */
    private void respond(int code, String contentType, byte[] content) throws IOException, InterruptedException {
        status = code;
        bodyBytes = content.length;
        List<Header> h = ResponseFields.of(List.of(new Header("content-type", contentType),
                new Header("content-length", Integer.toString(content.length))), settings.defaults());
        headersQueued = true;
        complete = true;
        submit(new Outgoing(h, code, ByteBuffer.wrap(head.isHead() ? NO_BYTES : content), true, null));
    }

    private ReceiveEvent receive() throws InterruptedException {
        ReceiveEvent event = body.take(() -> { }, () -> { });
        if (event instanceof HttpRequest r && r.body().length > 0) {
            int n = r.body().length;
            bytesIn += n;
            connection.execute(() -> connection.consumed(id, n));
        }
        return event;
    }

    private void send(SendEvent event) throws IOException, InterruptedException {
        if (cancelled) {
            throw new ClientDisconnectedException("request cancelled by server shutdown");
        }
        switch (event) {
            case HttpResponseStart start -> {
                if (fields != null) {
                    throw new IllegalStateException(complete
                            ? "Unexpected ASGI message 'http.response.start' sent, after response already completed."
                            : "Expected ASGI message 'http.response.body', but got 'http.response.start'.");
                }
                status = start.status();
                fields = ResponseFields.of(start.headers(), settings.defaults());
                trailersExpected = start.trailers();
                for (Header h : fields) {
                    if (h.name().equals("content-length")) {
                        declaredLength = HttpSyntax.contentLength(h.value());
                    }
                }
            }
            case HttpResponseBody part -> {
                requireStarted(event);
                byte[] bytes = part.body();
                bodyBytes += bytes.length;
                if (declaredLength >= 0 && bodyBytes > declaredLength) {
                    throw new IllegalStateException("Response content longer than Content-Length");
                }
                boolean end = !part.moreBody();
                if (end) {
                    complete = !trailersExpected;
                }
                if (headersQueued && bytes.length == 0 && !(end && !trailersExpected)) {
                    return; // nothing to send
                }
                submit(part(head.isHead() ? NO_BYTES : bytes, end && !trailersExpected, null));
            }
            case HttpResponseTrailers trailers -> {
                if (fields == null) {
                    throw new IllegalStateException(
                            "Expected ASGI message 'http.response.start', but got 'http.response.trailers'.");
                }
                trailerFields.addAll(ResponseFields.trailers(trailers.headers()));
                if (!trailers.moreTrailers()) {
                    complete = true;
                    submit(part(NO_BYTES, true, List.copyOf(trailerFields)));
                }
            }
            case HttpResponsePathsend file -> {
                requireStarted(event);
                try (InputStream in = Files.newInputStream(file.path())) {
                    byte[] chunk = new byte[PATHSEND_CHUNK];
                    int n;
                    while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
                        bodyBytes += n;
                        submit(part(head.isHead() ? NO_BYTES : java.util.Arrays.copyOf(chunk, n), false, null));
                    }
                }
                complete = !trailersExpected;
                submit(part(NO_BYTES, !trailersExpected, null));
            }
            default -> throw new IllegalStateException("Unexpected ASGI message '" + event.type()
                    + "' sent to an 'http' scope.");
        }
    }

    private void requireStarted(SendEvent event) {
        if (fields == null) {
            throw new IllegalStateException("Expected ASGI message 'http.response.start', but got '" + event.type()
                    + "'.");
        }
        if (complete && !(event instanceof HttpResponseTrailers)) {
            throw new IllegalStateException("Unexpected ASGI message '" + event.type()
                    + "' sent, after response already completed.");
        }
    }

    /** The next part: with the head if it has not gone yet. */
    private Outgoing part(byte[] bytes, boolean endStream, @Nullable List<Header> trailers) {
        List<Header> h = headersQueued ? null : fields;
        headersQueued = true;
        return new Outgoing(h, status, ByteBuffer.wrap(bytes), endStream, trailers);
    }

    /**
     * Hands a part to the loop and waits until the session has taken it whole (windows permitting); the part that ends
     * the stream is not waited for (the loop finishes the stream once it is sent).
     */
    private void submit(Outgoing part) throws IOException, InterruptedException {
        boolean handed = part.endStream ? parts.submitLast(part, pumpOnLoop) : parts.submit(part, pumpOnLoop);
        if (!handed) {
            throw new ClientDisconnectedException("stream " + id + " was reset");
        }
    }
}
