package io.jvicorn.http11.server;

import io.jvicorn.asgi.Application;
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
import io.jvicorn.http11.codec.ServerResponses;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One request-response cycle: the application's {@code receive} and {@code send} for it, and what happens when the
 * application returns or fails (Uvicorn's rules). Runs on the connection's worker virtual thread, or on the loop for a
 * {@code NonBlockingApplication}; it writes only to the {@link ResponseOutput} it is run with.
 */
final class Exchange {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final int PATHSEND_CHUNK = 64 * 1024;

    final @Nullable RequestHead head;
    final @Nullable ParseError error;
    final RequestBody body;
    /** Bytes received after an upgrade request's head, captured by the loop. */
    @Nullable ByteBuffer leftover;
    private final BodyFlow bodyFlow;
    /** Set by the loop when the client left while this request waited to run: it runs anyway, to see the disconnect. */
    volatile boolean runsAfterDisconnect;
    /** Loop-only: the app is done with this request, its remaining body is read and dropped. */
    boolean discarding;
    long discarded;

    /** Set by the loop when this request's body turned out malformed or too large. */
    private volatile @Nullable ParseError bodyError;
    private volatile @Nullable Thread runner;
    private volatile boolean cancelled;
    private boolean continueSent;
    // Set for the duration of run().
    private @Nullable ResponseOutput out;
    /** The response's status, 0 while none was sent; with its body bytes, for the observer. Exchange's thread. */
    private int status;
    private long bytesOut;
    /** Request body bytes received; written by the loop alone, read by the exchange's thread when it ends. */
    private volatile long bytesIn;

    /** Output of an inline response the socket did not take at once; a worker writes it. */
    final @Nullable OutputBuffer unwritten;
    final boolean closeAfterOutput;

    private Exchange(@Nullable RequestHead head, @Nullable ParseError error, @Nullable OutputBuffer unwritten,
                     boolean closeAfterOutput, BodyFlow bodyFlow) {
        this.head = head;
        this.bodyFlow = bodyFlow;
        this.error = error;
        this.unwritten = unwritten;
        this.closeAfterOutput = closeAfterOutput;
        this.body = new RequestBody(head == null || !head.hasBody());
    }

    /** Output of an inline answer that the socket did not take at once, for a worker to write. */
    static Exchange remainingOutput(OutputBuffer unwritten, boolean close) {
        return new Exchange(null, null, unwritten, close, BodyFlow.NONE);
    }

    static Exchange request(RequestHead head, BodyFlow bodyFlow) {
        return new Exchange(head, null, null, false, bodyFlow);
    }

    /** A request the parser rejected (or that timed out): answered with the error, then the connection closes. */
    static Exchange failure(ParseError error) {
        return new Exchange(null, error, null, false, BodyFlow.NONE);
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

    /** The exchange will never run (dropped from the queue): it sees the disconnect and gives back what it holds. */
    void drop() {
        disconnect();
        OutputBuffer rest = unwritten;
        if (rest != null) {
            OutputBufferPool.SHARED.release(rest);
        }
    }

    /**
     * Runs the application for this request and completes the response.
     *
     * @return true if the connection must be closed afterwards
     */
    boolean run(HttpScope scope, ResponseOutput output, HttpSettings settings, Application app, long start) {
        RequestHead h = head;
        assert h != null;
        out = output;
        try {
            return respond(scope, h, output, settings, app, start);
        } finally {
            out = null;
            ResponseEncoder encoder = output.encoder();
            if (encoder.isStarted()) {
                answered(settings, scope, h, encoder.status(), encoder.bodyBytes(), start);
            }
        }
    }

    private boolean respond(HttpScope scope, RequestHead h, ResponseOutput output, HttpSettings settings,
                            Application app, long start) {
        runner = Thread.currentThread();
        ResponseEncoder encoder = output.encoder();
        encoder.begin(h);
        output.cycle().begin(h.isHead());
        Throwable failure = null;
        try {
            app.call(scope, this::receive, this::send);
        } catch (ClientDisconnectedException e) {
            LOG.log(System.Logger.Level.DEBUG, "client disconnected: {0}", e.getMessage());
            return answerIfCancelled(output, settings, h, scope, start);
        } catch (InterruptedException | InterruptedIOException e) {
            if (!cancelled) {
                failure = e;
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            runner = null;
            if (!output.isInline()) {
                Thread.interrupted(); // a cancel's interrupt must not reach the worker's next request
            }
            body.finish();
        }
        if (cancelled) {
            return answerIfCancelled(output, settings, h, scope, start);
        }
        ParseError badBody = bodyError;
        if (badBody != null) {
            if (failure != null) {
                LOG.log(System.Logger.Level.DEBUG, "application failed after its request body was rejected", failure);
            }
            if (!encoder.isStarted()) {
                sendPlain(output, settings, badBody.status(), badBody.reason(), h, scope, start);
            }
            return true;
        }
        // Uvicorn: a client that went away gets no response, and an app that saw it go is not told it should have
        // answered.
        boolean clientGone = !output.transport().isOpen();
        if (failure != null) {
            LOG.log(System.Logger.Level.ERROR, "Exception in ASGI application", failure);
            if (!encoder.isStarted() && !clientGone) {
                if (settings.debugPage() && DebugPage.shownTo(output.transport().remoteAddress(), scope.client())) {
                    // Source files are read here, on the application's thread; on a loop only what is cached shows.
                    int bytes = output.writeClosingResponse(500, DebugPage.CONTENT_TYPE,
                            DebugPage.render(failure, scope, settings.debugSources(), !output.isInline()));
                    answered(settings, scope, h, 500, bytes, start);
                } else {
                    sendPlain(output, settings, 500, "Internal Server Error", h, scope, start);
                }
            }
            return true;
        }
        if (!encoder.isStarted()) {
            if (!clientGone) {
                LOG.log(System.Logger.Level.ERROR, "ASGI callable returned without starting response.");
                sendPlain(output, settings, 500, "Internal Server Error", h, scope, start);
            }
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

    /**
     * The graceful shutdown's deadline cut the application off: a client still waiting for a response that never
     * started gets 503 with {@code connection: close} rather than a connection closed with no status line.
     *
     * @return true: the connection closes
     */
    private boolean answerIfCancelled(ResponseOutput output, HttpSettings settings, RequestHead h, HttpScope scope,
                                      long start) {
        if (cancelled && !output.encoder().isStarted() && output.transport().isOpen()) {
            sendPlain(output, settings, 503, "Service Unavailable", h, scope, start);
        }
        return true;
    }

    /** A plain response the server writes for the application (it failed, or its request body was bad). */
    private void sendPlain(ResponseOutput output, HttpSettings settings, int status, String body, RequestHead h,
                           HttpScope scope, long start) {
        int bytes = output.writeClosingResponse(status, body);
        answered(settings, scope, h, status, bytes, start);
    }

    /** A response went out (or its head, for a streamed one): logged, and kept for the observer. */
    private void answered(HttpSettings settings, HttpScope scope, RequestHead h, int status, long bytes, long start) {
        this.status = status;
        this.bytesOut = bytes;
        AccessLog.log(settings, scope.client(), h, status, bytes, start);
    }

    /** @return the status of the response sent, or 0 if none was; after {@link #run} */
    int status() {
        return status;
    }

    /** @return response body bytes sent; after {@link #run} */
    long bytesOut() {
        return bytesOut;
    }

    /** @return request body bytes received so far */
    long bytesIn() {
        return bytesIn;
    }

    /**
     * Counts request body bytes as they arrive. Loop thread only (one writer), hence the plain read-and-write.
     *
     * @param n bytes received
     */
    void received(int n) {
        bytesIn += n;
    }

    private ResponseOutput output() {
        ResponseOutput o = out;
        if (o == null) {
            throw new IllegalStateException("receive() or send() called after the application returned");
        }
        return o;
    }

    private ReceiveEvent receive() throws IOException, InterruptedException {
        ResponseOutput output = output();
        RequestHead h = head;
        if (h != null && h.expectContinue() && !continueSent && !output.encoder().isStarted() && body.nothingDelivered()
                && !body.isComplete()) {
            continueSent = true;
            output.writeNow(ServerResponses.continueResponse());
        }
        if (output.isInline()) {
            ReceiveEvent ready = body.poll();
            if (ready == null) {
                throw new IllegalStateException("A NonBlockingApplication runs on the selector thread and must not wait"
                        + " in receive(); implement Application instead to wait for events.");
            }
            return ready;
        }
        return body.take(bodyFlow::resume, output::flushQuietly);
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
        ResponseOutput output = output();
        if (!output.transport().isOpen()) {
            throw new ClientDisconnectedException("client disconnected before " + event.type());
        }
        try {
            output.cycle().accept(event); // the order and length rules, shared with the test client
        } catch (IllegalStateException e) {
            output.closeAfterResponse();
            throw e;
        }
        ResponseEncoder encoder = output.encoder();
        switch (event) {
            case HttpResponseStart start -> {
                if (output.isShuttingDown()) {
                    encoder.closeAfterResponse();
                }
                encoder.start(start.status(), start.headers(), start.trailers(), output.buffer());
            }
            case HttpResponseBody part -> {
                encoder.body(part.body(), part.moreBody(), output.buffer());
                if (part.moreBody()) {
                    output.flush();
                } else {
                    completed(output, encoder);
                }
            }
            case HttpResponseTrailers trailers -> {
                encoder.trailers(trailers.headers(), trailers.moreTrailers(), output.buffer());
                if (!trailers.moreTrailers()) {
                    completed(output, encoder);
                }
            }
            case HttpResponsePathsend file -> {
                if (output.isInline()) {
                    throw new IllegalStateException("http.response.pathsend reads a file, which a NonBlockingApplication"
                            + " running on the selector thread may not do; implement Application instead.");
                }
                sendFile(output, encoder, file);
            }
            default -> throw new AssertionError("HttpResponseCycle accepted " + event.type());
        }
    }

    private void completed(ResponseOutput output, ResponseEncoder encoder) throws IOException {
        if (!encoder.isComplete()) {
            return;
        }
        if (!body.isComplete()) {
            bodyFlow.abandon(this); // the client may still be sending it: read on and drop it
        }
        body.finish();
        output.responseComplete();
    }

    /**
     * Sends the file as the whole body: with its length in the head and, unless it is small enough to go out with its
     * head in one write ({@link ResponseOutput#writeFile}), {@code sendfile} on plain TCP. Only a head that already
     * went out chunked (the application flushed it) makes it copy the file through body parts.
     */
    private void sendFile(ResponseOutput output, ResponseEncoder encoder, HttpResponsePathsend file) throws IOException {
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            if (encoder.canSendFile()) {
                long size = channel.size();
                output.cycle().fileBody(size, false);
                output.writeFile(channel, size);
            } else {
                sendChunked(output, encoder, channel);
            }
        }
        completed(output, encoder);
    }

    private static void sendChunked(ResponseOutput output, ResponseEncoder encoder, FileChannel channel)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(PATHSEND_CHUNK);
        while (channel.read(buffer.clear()) > 0) {
            output.cycle().fileBody(buffer.position(), true);
            encoder.body(Arrays.copyOf(buffer.array(), buffer.position()), true, output.buffer());
            output.flush();
        }
        output.cycle().fileBody(0, false);
        encoder.body(new byte[0], false, output.buffer());
    }
}
