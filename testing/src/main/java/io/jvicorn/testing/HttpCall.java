package io.jvicorn.testing;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.ClientDisconnectedException;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponsePathsend;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.SendEvent;
import io.jvicorn.asgi.rules.HttpResponseCycle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One request-response cycle between the test and the application: the application runs on its own virtual thread
 * with this call's {@code receive} and {@code send}; the test reads what it sent with {@link #next}.
 *
 * <p>The application's sends pass {@link HttpResponseCycle}, as in the server, then queue for the test (bounded: an
 * application streaming faster than the test reads waits, as it would on a full socket). Owners: the request-body
 * iterator belongs to the application's thread (receive); {@link #cycle} to whoever holds {@link #sendLock}; the rest
 * is shared through the volatile fields, the latch and the queue.
 */
final class HttpCall {
    private static final int PATHSEND_CHUNK = 64 * 1024;
    private static final int QUEUED_SENDS = 16;

    /** The application returned (or threw): always the last element the test takes. */
    record Finished(@Nullable Throwable failure) {
    }

    private final Application app;
    private final HttpScope scope;
    private final TestRequest request;
    private final @Nullable Iterator<byte[]> chunks;
    /** The client goes away after the body's chunks, reading nothing: sends are dropped until it has gone. */
    private final boolean leavesMidBody;
    private boolean bodyDelivered;

    private final ReentrantLock sendLock = new ReentrantLock();
    private final HttpResponseCycle cycle = new HttpResponseCycle();
    private final BlockingQueue<Object> sent = new ArrayBlockingQueue<>(QUEUED_SENDS + 1);
    /** Released once the response is complete or the client left: receive() then returns http.disconnect. */
    private final CountDownLatch over = new CountDownLatch(1);
    private volatile boolean clientGone;
    private final AppThread thread;
    private volatile @Nullable Throwable failure;

    HttpCall(Application app, HttpScope scope, TestRequest request, boolean leavesMidBody) {
        this.app = app;
        this.scope = scope;
        this.request = request;
        this.leavesMidBody = leavesMidBody;
        this.chunks = request.chunkIterator();
        this.thread = new AppThread("jvicorn-test-app " + request);
        cycle.begin("HEAD".equals(request.method()));
    }

    void start() {
        thread.start(this::run);
    }

    private void run() {
        Throwable failure = AppThread.call(app, scope, this::receive, this::send);
        this.failure = failure;
        over.countDown();
        if (!clientGone && !leavesMidBody) {
            try {
                sent.put(new Finished(failure));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ReceiveEvent receive() throws InterruptedException {
        if (clientGone) {
            return HttpDisconnect.INSTANCE;
        }
        if (!bodyDelivered) {
            Iterator<byte[]> parts = chunks;
            if (parts != null && parts.hasNext()) {
                return new HttpRequest(parts.next().clone(), true);
            }
            if (leavesMidBody) {
                disconnect();
                return HttpDisconnect.INSTANCE;
            }
            bodyDelivered = true;
            return parts != null ? HttpRequest.EMPTY : new HttpRequest(request.wholeBody().clone(), false);
        }
        over.await(); // as the server: nothing more until the response is done or the client leaves
        return HttpDisconnect.INSTANCE;
    }

    private void send(SendEvent event) throws IOException, InterruptedException {
        if (clientGone) {
            throw new ClientDisconnectedException("client disconnected before " + event.type());
        }
        sendLock.lockInterruptibly();
        try {
            cycle.accept(event);
            if (event instanceof HttpResponsePathsend file) {
                sendFile(file);
            } else if (!leavesMidBody) {
                sent.put(event);
            }
            if (cycle.state() == HttpResponseCycle.State.COMPLETE) {
                over.countDown();
            }
        } finally {
            sendLock.unlock();
        }
    }

    /** What the server does for pathsend: the file read in parts, each checked against the declared length. */
    private void sendFile(HttpResponsePathsend file) throws IOException, InterruptedException {
        try (InputStream in = Files.newInputStream(file.path())) {
            byte[] buffer = new byte[PATHSEND_CHUNK];
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                cycle.fileBody(n, true);
                if (leavesMidBody) {
                    continue;
                }
                sent.put(new HttpResponseBody(Arrays.copyOf(buffer, n), true));
            }
        }
        cycle.fileBody(0, false);
        if (!leavesMidBody) {
            sent.put(new HttpResponseBody(new byte[0], false));
        }
    }

    /**
     * The next thing the application sent: a {@link SendEvent} or, last, {@link Finished}.
     *
     * @param timeout how long the application may take
     * @return the element
     * @throws ApplicationFailedException when the application sent nothing for {@code timeout}: it is interrupted
     */
    Object next(Duration timeout) throws InterruptedException {
        return thread.next(sent, timeout);
    }

    /**
     * The client goes away: receive() returns {@code http.disconnect}, sends fail, and an application blocked on a
     * full queue is released.
     */
    void disconnect() {
        clientGone = true;
        over.countDown();
        sent.clear();
    }

    /**
     * Waits for the application to return after {@link #disconnect}.
     *
     * @param timeout how long it may take
     * @return whether it returned
     */
    boolean awaitReturn(Duration timeout) throws InterruptedException {
        return thread.awaitReturn(timeout);
    }

    /** @return what the application threw, once it returned; null otherwise */
    @Nullable Throwable failure() {
        return failure;
    }

    boolean bodyless(int status) {
        return "HEAD".equals(request.method()) || status < 200 || status == 204 || status == 304;
    }

    @Override
    public String toString() {
        return request.toString();
    }
}
