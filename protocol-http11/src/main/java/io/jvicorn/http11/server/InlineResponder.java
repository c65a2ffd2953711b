package io.jvicorn.http11.server;

import io.jvicorn.engine.Transport;
import io.jvicorn.http11.codec.OutputBuffer;
import java.io.IOException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Answers requests of a {@code NonBlockingApplication} on the selector loop, skipping the hand-off to a virtual thread.
 * Only when nothing else is in flight on the connection and no worker runs (the queue's worker flag is claimed for
 * the answer), so the loop may use the connection's {@link ResponseOutput}. Responses to requests that arrived
 * together are collected and written at once without waiting ({@link #flush}); what the socket does not take becomes
 * an exchange for the worker, and later requests queue behind it, so order is kept. Loop thread only.
 */
final class InlineResponder {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");

    private final Transport transport;
    private final ServerActivity activity;
    private final ExchangeQueue queue;
    private final ResponseOutput output;
    private final Worker worker;
    private final Consumer<Exchange> enqueue;
    /** Responses answered inline and not yet written. */
    private @Nullable OutputBuffer collected;
    private boolean closeAfterCollected;

    /**
     * @param enqueue hands an exchange to the worker (the connection's dispatch)
     */
    InlineResponder(Transport transport, ServerActivity activity, ExchangeQueue queue, ResponseOutput output,
                    Worker worker, Consumer<Exchange> enqueue) {
        this.transport = transport;
        this.activity = activity;
        this.queue = queue;
        this.output = output;
        this.worker = worker;
        this.enqueue = enqueue;
    }

    /**
     * Answers a request now, or queues it for the worker if a worker holds the connection or the application served
     * now may block (an in-process reload replaced the non-blocking one).
     *
     * @return true if the connection closes after this response: the caller must parse no further request
     */
    boolean answer(Exchange exchange) {
        AppGeneration generation = activity.serving();
        if (!generation.answersInline() || !queue.claimForInline()) {
            enqueue.accept(exchange);
            return false;
        }
        OutputBuffer buffer = collected;
        if (buffer == null) {
            buffer = OutputBufferPool.SHARED.acquire();
            collected = buffer;
        }
        boolean close;
        Worker.Outcome outcome;
        output.attachInline(buffer);
        try {
            outcome = worker.processInline(exchange, generation);
            close = outcome == Worker.Outcome.CLOSE | output.inlineResponseCloses() | queue.isShuttingDown();
        } finally {
            output.detach();
            queue.releaseInline();
        }
        if (outcome == Worker.Outcome.NOT_STARTED) {
            enqueue.accept(exchange); // the generation was retired just now: the worker runs its successor
            return false;
        }
        queue.touch(transport.nanoTime());
        closeAfterCollected |= close;
        if (close || buffer.size() >= ResponseOutput.BATCH_LIMIT) {
            flush();
        }
        return close;
    }

    /** Writes the collected responses without waiting, handing what is left to the worker. */
    void flush() {
        OutputBuffer buffer = collected;
        if (buffer == null) {
            return;
        }
        collected = null;
        boolean close = closeAfterCollected;
        closeAfterCollected = false;
        boolean written;
        try {
            written = buffer.isEmpty() || transport.tryWrite(buffer.buffers());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "write failed: {0}", e.getMessage());
            OutputBufferPool.SHARED.release(buffer);
            transport.close();
            return;
        }
        if (!written) {
            enqueue.accept(Exchange.remainingOutput(buffer, close));
            return;
        }
        OutputBufferPool.SHARED.release(buffer);
        if (close) {
            transport.closeGracefully();
        }
    }

    /** The connection closed: drop what was not written. */
    void discard() {
        OutputBuffer buffer = collected;
        if (buffer != null) {
            collected = null;
            OutputBufferPool.SHARED.release(buffer);
        }
    }
}
