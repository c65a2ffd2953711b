package io.jvicorn.http11.server;

import io.jvicorn.asgi.HttpScope;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.codec.OutputBuffer;
import io.jvicorn.http11.codec.ParseError;
import io.jvicorn.http11.codec.RequestHead;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The worker side of a connection: a virtual thread, started when exchanges arrive and ended when there are none,
 * runs them in order through one {@link ResponseOutput}, so an idle keep-alive connection holds no thread. After each
 * exchange it either closes the connection (the response said so, the application failed, the server shuts down) or
 * tells the loop what the loop asked to hear ({@link ExchangeQueue#finished}). It touches no loop-owned state: what
 * the loop must do it hands over with {@link Transport#execute}.
 */
final class Worker {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final String THREAD_NAME = "jvicorn-http";

    private final Transport transport;
    private final HttpSettings settings;
    private final ExchangeQueue queue;
    private final ScopeFactory scopes;
    private final ResponseOutput output;
    private final Runnable exchangeFinished;
    private final Runnable start = this::startThread;

    /**
     * @param exchangeFinished runs on the loop after an exchange when the loop asked to hear of it
     */
    Worker(Transport transport, HttpSettings settings, ExchangeQueue queue, ScopeFactory scopes, ResponseOutput output,
           Runnable exchangeFinished) {
        this.transport = transport;
        this.settings = settings;
        this.queue = queue;
        this.scopes = scopes;
        this.output = output;
        this.exchangeFinished = exchangeFinished;
    }

    /** @return what {@link ExchangeQueue#offer} runs to start a worker thread */
    Runnable starter() {
        return start;
    }

    private void startThread() {
        // Not inheriting (Transport#virtualThreads): a worker started by the previous request's worker must not carry
        // that request's values.
        transport.startVirtualThread(THREAD_NAME, this::run);
    }

    private void run() {
        OutputBuffer buffer = OutputBufferPool.SHARED.acquire();
        boolean handOver = false;
        try {
            do {
                output.attachWorker(buffer);
                try {
                    Exchange exchange;
                    while ((exchange = queue.poll()) != null) {
                        finish(exchange, process(exchange));
                        if (settings.threadPerRequest() && queue.hasQueued()) {
                            handOver = true; // the next request gets a new thread, hence fresh ThreadLocals
                            break;
                        }
                    }
                    output.flushQuietly();
                } finally {
                    output.detach(); // before the worker flag drops: the loop may then answer inline through it
                }
            } while (!handOver && queue.releaseWorker());
        } finally {
            OutputBufferPool.SHARED.release(buffer);
        }
        if (handOver) {
            startThread(); // the queue's worker flag stays set: the new thread owns the exchanges
        }
    }

    private void finish(Exchange exchange, boolean close) {
        // Not merely because the server shuts down: a response that started before it did went out as keep-alive,
        // and the client may already be sending its next request, which the loop answers with connection: close.
        if (close || output.isClosing()) {
            output.closeAfterResponse();
            output.flushQuietly();
            transport.closeGracefully();
        }
        if (queue.finished(transport.nanoTime())) {
            transport.execute(exchangeFinished);
        }
    }

    /**
     * Runs one exchange through the output; also used by the loop for an inline answer.
     *
     * @return true if the connection must close after it
     */
    boolean process(Exchange exchange) {
        return process(exchange, null) == Outcome.CLOSE;
    }

    /** What an exchange run on the loop came to. */
    enum Outcome {
        /** Answered; the connection stays open. */
        KEEP_OPEN,
        /** Answered; the connection must close after it. */
        CLOSE,
        /** Nothing done: the generation the loop chose was retired before the request started. */
        NOT_STARTED
    }

    /**
     * Runs a request on the loop, on the generation the loop found serving (one that {@link
     * AppGeneration#answersInline answers inline}).
     *
     * @return whether it was answered and the connection must close, or that it was not started
     */
    Outcome processInline(Exchange exchange, AppGeneration generation) {
        return process(exchange, generation);
    }

    /** @param inlineOn the generation the loop answers on, or null on the worker (which takes the serving one) */
    private Outcome process(Exchange exchange, @Nullable AppGeneration inlineOn) {
        OutputBuffer unwritten = exchange.unwritten;
        if (unwritten != null) {
            return outcome(writeRemaining(unwritten, exchange.closeAfterOutput));
        }
        ParseError error = exchange.error;
        if (error != null) {
            output.writeClosingResponse(error.status(), error.reason());
            return Outcome.CLOSE;
        }
        RequestHead head = exchange.head;
        assert head != null;
        ServerActivity activity = settings.activity();
        Integer limit = settings.limitConcurrency();
        if (limit != null && activity.overLimit(limit)) {
            LOG.log(System.Logger.Level.WARNING, "Exceeded concurrency limit.");
            activity.observer().connectionRejected(); // before the client can read the 503 and look
            long start = System.nanoTime();
            int bytes = output.writeClosingResponse(503, "Service Unavailable");
            AccessLog.log(settings, scopes.client(), head, 503, bytes, start);
            return Outcome.CLOSE;
        }
        AppGeneration generation;
        if (inlineOn == null) {
            generation = activity.taskStarted();
        } else if (activity.tryTaskStarted(inlineOn)) {
            generation = inlineOn;
        } else {
            return Outcome.NOT_STARTED;
        }
        // A reloadable application's loader, for the frameworks that look resources up through it; put back after,
        // so that no thread keeps a retired application's loader alive.
        ClassLoader loader = generation.contextLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = loader == null ? null : thread.getContextClassLoader();
        if (loader != null) {
            thread.setContextClassLoader(loader);
        }
        try {
            if (exchange.isUpgrade()) {
                return outcome(upgrade(exchange, head, generation)); // observed as a WebSocket session, not a request
            }
            return outcome(run(exchange, head, activity, generation));
        } finally {
            if (loader != null) {
                thread.setContextClassLoader(previous);
            }
            activity.taskFinished(generation);
        }
    }

    /** Runs a request's application, reporting it to the observer and to JFR around it. */
    private boolean run(Exchange exchange, RequestHead head, ServerActivity activity, AppGeneration generation) {
        HttpScope scope = scopes.httpScope(head, generation.state());
        RequestEvent recorded = RequestObservations.started(activity.observer(), head.method());
        long start = System.nanoTime();
        try {
            return exchange.run(scope, output, settings, generation.app(), start);
        } finally {
            RequestObservations.finished(activity.observer(), recorded, head.method(), scope.path(), exchange.status(),
                    exchange.bytesIn(), exchange.bytesOut(), System.nanoTime() - start);
        }
    }

    private static Outcome outcome(boolean close) {
        return close ? Outcome.CLOSE : Outcome.KEEP_OPEN;
    }

    private boolean writeRemaining(OutputBuffer unwritten, boolean close) {
        if (close) {
            output.closeAfterResponse();
        }
        try {
            transport.write(unwritten.buffers());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "write failed: {0}", e.getMessage());
            return true;
        } finally {
            OutputBufferPool.SHARED.release(unwritten);
        }
        return close;
    }

    private boolean upgrade(Exchange exchange, RequestHead head, AppGeneration generation) {
        WebSocketUpgrade webSocket = settings.webSocket();
        ByteBuffer leftover = exchange.leftover;
        assert webSocket != null && leftover != null;
        output.flushQuietly();
        try {
            webSocket.run(scopes.upgradeRequest(transport, head, generation, leftover, queue::isShuttingDown, null));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "Exception in ASGI application", e);
        }
        return true;
    }
}
