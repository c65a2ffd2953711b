package io.jvicorn.http11.server;

import io.jvicorn.asgi.ClientDisconnectedException;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponsePathsend;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpResponseTrailers;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.SendEvent;
import io.jvicorn.engine.ConnectionClosedException;
import io.jvicorn.http11.codec.OutputBuffer;
import io.jvicorn.http11.codec.ParseError;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.codec.ResponseEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import org.jspecify.annotations.Nullable;

/**
 * One request-response cycle: the application's {@code receive} and {@code send} for it, and what happens when the
 * application returns or fails (Uvicorn's rules). Runs on the connection's worker virtual thread.
 */
final class Exchange {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final int PATHSEND_CHUNK = 64 * 1024;

    private final HttpConnectionHandler owner;
    final @Nullable RequestHead head;
    final @Nullable ParseError error;
    final RequestBody body;
    /** Bytes received after an upgrade request's head, captured by the loop. */
    @Nullable ByteBuffer leftover;
    /** Loop-only: the app is done with this request, its remaining body is read and dropped. */
    boolean discarding;
    long discarded;

    /** Set by the loop when this request's body turned out malformed or too large. */
    private volatile @Nullable ParseError bodyError;
    private volatile @Nullable Thread runner;
    private volatile boolean cancelled;
    private boolean continueSent;
    private boolean responseComplete;

    /** Output of an inline response the socket did not take at once; a worker writes it. */
    final @Nullable OutputBuffer unwritten;
    final boolean closeAfterOutput;

    private Exchange(HttpConnectionHandler owner, @Nullable RequestHead head, @Nullable ParseError error,
                     @Nullable OutputBuffer unwritten, boolean closeAfterOutput) {
        this.owner = owner;
        this.head = head;
        this.error = error;
        this.unwritten = unwritten;
        this.closeAfterOutput = closeAfterOutput;
        this.body = new RequestBody(head == null || !head.hasBody());
    }

    static Exchange remainingOutput(HttpConnectionHandler owner, OutputBuffer unwritten, boolean close) {
        return new Exchange(owner, null, null, unwritten, close);
    }

    static Exchange request(HttpConnectionHandler owner, RequestHead head) {
        return new Exchange(owner, head, null, null, false);
    }

    static Exchange failure(HttpConnectionHandler owner, ParseError error) {
        return new Exchange(owner, null, error, null, false);
    }

    boolean isUpgrade() {
        return leftover != null;
    }

    /** Stops the application: it sees {@code http.disconnect} and its thread is interrupted. */
    void cancel() {
        cancelled = true;
        body.finish();
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    /** The request body is malformed: the app sees {@code http.disconnect} and the client gets the error. */
    void failBody(ParseError error) {
        bodyError = error;
        body.finish();
    }

    /** The client went away. */
    void disconnect() {
        body.finish();
    }

    /**
     * Runs the application for this request and completes the response.
     *
     * @return true if the connection must be closed afterwards
     */
    boolean run(HttpScope scope) {
        RequestHead h = head;
        assert h != null;
        long start = System.nanoTime();
        try {
            return respond(scope, h, start);
        } finally {
            ResponseEncoder encoder = owner.encoder();
            if (encoder.isStarted()) {
                owner.accessLog(scope.client(), h, encoder.status(), encoder.bodyBytes(), start);
            }
        }
    }

    private boolean respond(HttpScope scope, RequestHead h, long start) {
        runner = Thread.currentThread();
        ResponseEncoder encoder = owner.encoder();
        encoder.begin(h);
        Throwable failure = null;
        try {
            owner.settings().app().call(scope, this::receive, this::send);
        } catch (ClientDisconnectedException e) {
            LOG.log(System.Logger.Level.DEBUG, "client disconnected: {0}", e.getMessage());
            return true;
        } catch (InterruptedException | InterruptedIOException e) {
            if (!cancelled) {
                failure = e;
            } else {
                return true;
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            runner = null;
            Thread.interrupted();
            body.finish();
        }
        if (cancelled) {
            return true;
        }
        ParseError badBody = bodyError;
        if (badBody != null) {
            if (failure != null) {
                LOG.log(System.Logger.Level.DEBUG, "application failed after its request body was rejected", failure);
            }
            if (!encoder.isStarted()) {
                owner.sendPlain(badBody.status(), badBody.reason(), h, scope.client(), start);
            }
            return true;
        }
        if (failure != null) {
            LOG.log(System.Logger.Level.ERROR, "Exception in ASGI application", failure);
            if (!encoder.isStarted()) {
                owner.sendPlain(500, "Internal Server Error", h, scope.client(), start);
            }
            return true;
        }
        if (!encoder.isStarted()) {
            LOG.log(System.Logger.Level.ERROR, "ASGI callable returned without starting response.");
            owner.sendPlain(500, "Internal Server Error", h, scope.client(), start);
            return true;
        }
        if (!encoder.isComplete()) {
            LOG.log(System.Logger.Level.ERROR, "ASGI callable returned without completing response.");
            return true;
        }
        if (h.expectContinue() && !continueSent && !body.isComplete()) {
            return true; // The client still waits for 100 Continue; its body may or may not follow.
        }
        return !encoder.keepAlive();
    }

    private ReceiveEvent receive() throws IOException, InterruptedException {
        RequestHead h = head;
        if (h != null && h.expectContinue() && !continueSent && !owner.encoder().isStarted() && body.nothingDelivered()
                && !body.isComplete()) {
            continueSent = true;
            owner.writeNow(ResponseEncoder.continueResponse());
        }
        if (owner.isInline()) {
            ReceiveEvent ready = body.poll();
            if (ready == null) {
                throw new IllegalStateException("A NonBlockingApplication runs on the selector thread and must not wait"
                        + " in receive(); implement Application instead to wait for events.");
            }
            return ready;
        }
        return body.take(owner::resumeBody, owner::flushQuietly);
    }

    private void send(SendEvent event) throws IOException, InterruptedException {
        try {
            sendEvent(event);
        } catch (ConnectionClosedException e) {
            throw new ClientDisconnectedException(e.getMessage(), e);
        }
    }

    private void sendEvent(SendEvent event) throws IOException, InterruptedException {
        if (cancelled) {
            throw new ClientDisconnectedException("request cancelled by server shutdown");
        }
        if (!owner.connection().isOpen()) {
            throw new ClientDisconnectedException("client disconnected before " + event.type());
        }
        ResponseEncoder encoder = owner.encoder();
        switch (event) {
            case HttpResponseStart start -> {
                if (encoder.isStarted()) {
                    owner.requestClose();
                    throw new IllegalStateException(responseComplete
                            ? "Unexpected ASGI message 'http.response.start' sent, after response already completed."
                            : "Expected ASGI message 'http.response.body', but got 'http.response.start'.");
                }
                if (owner.isShuttingDown()) {
                    encoder.closeAfterResponse();
                }
                encoder.start(start.status(), start.headers(), start.trailers(), owner.out());
            }
            case HttpResponseBody part -> {
                requireStartedAndOpen(encoder, event);
                try {
                    encoder.body(part.body(), part.moreBody(), owner.out());
                } catch (IllegalStateException e) {
                    owner.requestClose();
                    throw e;
                }
                if (part.moreBody()) {
                    owner.flush();
                } else {
                    completed(encoder);
                }
            }
            case HttpResponseTrailers trailers -> {
                if (!encoder.isStarted()) {
                    owner.requestClose();
                    throw new IllegalStateException("Expected ASGI message 'http.response.start', but got 'http.response.trailers'.");
                }
                encoder.trailers(trailers.headers(), trailers.moreTrailers(), owner.out());
                if (!trailers.moreTrailers()) {
                    completed(encoder);
                }
            }
            case HttpResponsePathsend file -> {
                requireStartedAndOpen(encoder, event);
                if (owner.isInline()) {
                    throw new IllegalStateException("http.response.pathsend reads a file, which a NonBlockingApplication"
                            + " running on the selector thread may not do; implement Application instead.");
                }
                sendFile(encoder, file);
            }
            default -> throw new IllegalStateException("Unexpected ASGI message '" + event.type() + "' sent to an 'http' scope.");
        }
    }

    private void requireStartedAndOpen(ResponseEncoder encoder, SendEvent event) {
        if (!encoder.isStarted()) {
            throw new IllegalStateException("Expected ASGI message 'http.response.start', but got '" + event.type() + "'.");
        }
        if (responseComplete) {
            owner.requestClose();
            throw new IllegalStateException("Unexpected ASGI message '" + event.type() + "' sent, after response already completed.");
        }
    }

    private void completed(ResponseEncoder encoder) throws IOException {
        if (!encoder.isComplete()) {
            return;
        }
        responseComplete = true;
        body.finish();
        owner.responseComplete();
    }

    private void sendFile(ResponseEncoder encoder, HttpResponsePathsend file) throws IOException {
        try (InputStream in = Files.newInputStream(file.path())) {
            byte[] buffer = new byte[PATHSEND_CHUNK];
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                byte[] part = n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n);
                encoder.body(part, true, owner.out());
                owner.flush(); // written out synchronously, so the buffer can be reused
            }
        }
        encoder.body(new byte[0], false, owner.out());
        completed(encoder);
    }
}
