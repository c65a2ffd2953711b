package io.jvicorn.jakarta.websocket;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The asynchronous remote: each send is queued and carried out, in the order sent, by one short-lived virtual thread
 * per burst (through the blocking remote). The queue is bounded: past {@link #MAX_PENDING} unsent messages a send
 * fails at once rather than holding memory for a client that does not read. A send timeout (milliseconds, 0 for
 * none) fails the result with a {@code TimeoutException} when the message has not gone out in time; a message that has not started by then is not
 * sent.
 */
final class AsyncRemote implements RemoteEndpoint.Async {
    static final int MAX_PENDING = 1024;

    private interface Sending {
        void send() throws Exception;
    }

    private record Pending(Sending sending, CompletableFuture<Void> result) {
    }

    private final JakartaSession session;
    private final BasicRemote basic;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean draining;
    private volatile long sendTimeout;

    AsyncRemote(JakartaSession session, BasicRemote basic, long sendTimeout) {
        this.session = session;
        this.basic = basic;
        this.sendTimeout = sendTimeout;
    }

    @Override
    public long getSendTimeout() {
        return sendTimeout;
    }

    @Override
    public void setSendTimeout(long timeout) {
        sendTimeout = timeout;
    }

    @Override
    public void sendText(String text, SendHandler handler) {
        report(sendText(text), handler);
    }

    @Override
    public Future<Void> sendText(String text) {
        return submit(() -> basic.sendText(text));
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
        return submit(() -> basic.sendBinary(data));
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
        report(sendBinary(data), handler);
    }

    @Override
    public Future<Void> sendObject(Object data) {
        return submit(() -> basic.sendObject(data));
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
        report(sendObject(data), handler);
    }

    private void report(Future<Void> future, SendHandler handler) {
        ((CompletableFuture<Void>) future).whenComplete((v, failure) -> handler.onResult(failure == null
                ? new SendResult(session)
                : new SendResult(session, failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure)));
    }

    private CompletableFuture<Void> submit(Sending sending) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        long timeout = sendTimeout;
        if (timeout > 0) {
            result.orTimeout(timeout, TimeUnit.MILLISECONDS);
        }
        boolean start;
        lock.lock();
        try {
            if (!session.isOpen()) {
                result.completeExceptionally(new IllegalStateException("the WebSocket session " + session.getId()
                        + " is closed"));
                return result;
            }
            if (queue.size() >= MAX_PENDING) {
                result.completeExceptionally(new IOException(MAX_PENDING
                        + " asynchronous messages are waiting to be sent; the client is not reading"));
                return result;
            }
            queue.add(new Pending(sending, result));
            start = !draining;
            draining = true;
        } finally {
            lock.unlock();
        }
        if (start) {
            Thread.ofVirtual().name("jakarta-websocket-async-send").start(this::drain);
        }
        return result;
    }

    private void drain() {
        while (true) {
            Pending next;
            lock.lock();
            try {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            if (next.result().isDone()) {
                continue; // timed out or cancelled before it started
            }
            try {
                next.sending().send();
                next.result().complete(null);
            } catch (Throwable t) {
                next.result().completeExceptionally(t);
            }
        }
    }

    @Override
    public void setBatchingAllowed(boolean allowed) {
        basic.setBatchingAllowed(allowed);
    }

    @Override
    public boolean getBatchingAllowed() {
        return basic.getBatchingAllowed();
    }

    @Override
    public void flushBatch() {
        basic.flushBatch();
    }

    @Override
    public void sendPing(ByteBuffer applicationData) throws IOException {
        basic.sendPing(applicationData);
    }

    @Override
    public void sendPong(ByteBuffer applicationData) throws IOException {
        basic.sendPong(applicationData);
    }
}
