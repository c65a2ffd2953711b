package io.jvicorn.testing;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.ClientDisconnectedException;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.SendEvent;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketConnect;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketHttpResponseBody;
import io.jvicorn.asgi.WebSocketHttpResponseStart;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import io.jvicorn.asgi.rules.WebSocketPhase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The application's side of one test WebSocket: receive and send with the server's rules ({@link WebSocketPhase}),
 * and what the server does when the application returns (500 before a handshake, a normal close of an open socket it
 * left open, an abrupt one after a failure). The test reads the outcome with {@link #next}.
 *
 * <p>Owners: {@link #phase}, {@link #appDone} and the denial being built belong to whoever holds {@link #lock}; the
 * queues are shared. Sends may come from any thread (a broadcasting application), as in the server.
 */
final class WebSocketCall {
    private static final int QUEUED = 64;
    private static final WebSocketDisconnect CONNECTION_LOST = new WebSocketDisconnect(1006, "");

    /** The application accepted. */
    record Accepted(@Nullable String subprotocol, List<Header> headers) {
    }

    /** The handshake was refused with this response; {@code byServer} when the server wrote it for the app. */
    record Denied(int status, List<Header> headers, byte[] body, boolean byServer) {
    }

    /** The socket closed from the application's side. */
    record Closed(int code, String reason) {
    }

    /** The application returned or threw. */
    record Finished(@Nullable Throwable failure) {
    }

    private final Application app;
    private final WebSocketScope scope;
    private final BlockingQueue<ReceiveEvent> inbox = new ArrayBlockingQueue<>(QUEUED);
    private final BlockingQueue<Object> outbox = new ArrayBlockingQueue<>(QUEUED);
    private final ReentrantLock lock = new ReentrantLock();
    private WebSocketPhase phase = WebSocketPhase.HANDSHAKE;
    private boolean appDone;
    private @Nullable WebSocketHttpResponseStart denial;
    private final ByteArrayOutputStream denialBody = new ByteArrayOutputStream();
    private volatile boolean connectSent;
    private volatile boolean clientGone;
    private final AppThread thread;

    WebSocketCall(Application app, WebSocketScope scope) {
        this.app = app;
        this.scope = scope;
        this.thread = new AppThread("jvicorn-test-websocket " + scope.path());
    }

    void start() {
        thread.start(this::run);
    }

    private void run() {
        Throwable failure = AppThread.call(app, scope, this::receive, this::send);
        try {
            finish(failure);
            outbox.put(new Finished(failure));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server's end of the socket after the application: see the class comment. */
    private void finish(@Nullable Throwable failure) throws InterruptedException {
        lock.lock();
        try {
            switch (phase) {
                case HANDSHAKE -> {
                    phase = WebSocketPhase.REFUSED;
                    outbox.put(new Denied(500, List.of(), "Internal Server Error".getBytes(StandardCharsets.UTF_8),
                            true));
                }
                case OPEN -> {
                    if (!appDone && !clientGone) {
                        outbox.put(failure == null ? new Closed(1000, "") : new Closed(1006, ""));
                    }
                }
                case DENYING, REFUSED -> {
                    // a denial cut short ends the connection; the test sees Finished
                }
            }
            appDone = true;
        } finally {
            lock.unlock();
        }
    }

    private ReceiveEvent receive() throws InterruptedException {
        if (!connectSent) {
            connectSent = true;
            return WebSocketConnect.INSTANCE;
        }
        ReceiveEvent event = inbox.take();
        if (event instanceof WebSocketDisconnect) {
            inbox.offer(event); // every later receive sees the disconnect too
        }
        return event;
    }

    private void send(SendEvent event) throws IOException, InterruptedException {
        lock.lockInterruptibly();
        try {
            if (appDone) {
                throw new IllegalStateException(WebSocketPhase.afterClose(event));
            }
            if (phase == WebSocketPhase.REFUSED || clientGone) {
                throw new ClientDisconnectedException("WebSocket connection closed before " + event.type());
            }
            if (!phase.allows(event)) {
                throw new IllegalStateException(phase.unexpected(event));
            }
            switch (event) {
                case WebSocketAccept accept -> {
                    WebSocketPhase.requireOffered(accept.subprotocol(), scope.subprotocols());
                    phase = WebSocketPhase.OPEN;
                    outbox.put(new Accepted(accept.subprotocol(), accept.headers()));
                }
                case WebSocketHttpResponseStart start -> {
                    WebSocketPhase.requireFinalStatus(start);
                    denial = start;
                    phase = WebSocketPhase.DENYING;
                }
                case WebSocketHttpResponseBody body -> {
                    denialBody.writeBytes(body.body());
                    if (!body.moreBody()) {
                        WebSocketHttpResponseStart start = denial;
                        assert start != null;
                        phase = WebSocketPhase.REFUSED;
                        appDone = true;
                        outbox.put(new Denied(start.status(), start.headers(), denialBody.toByteArray(), false));
                        inbox.offer(CONNECTION_LOST);
                    }
                }
                case WebSocketClose close -> {
                    appDone = true;
                    if (phase == WebSocketPhase.HANDSHAKE) {
                        phase = WebSocketPhase.REFUSED;
                        outbox.put(new Denied(403, List.of(), new byte[0], false));
                        inbox.offer(CONNECTION_LOST);
                    } else {
                        outbox.put(new Closed(close.code(), close.reason()));
                        inbox.offer(new WebSocketDisconnect(close.code(), close.reason()));
                    }
                }
                case WebSocketSend message -> outbox.put(message);
                default -> throw new AssertionError("WebSocketPhase allowed " + event.type());
            }
        } finally {
            lock.unlock();
        }
    }

    /** The client sends a message; blocks while the application has {@value #QUEUED} unread. */
    void deliver(WebSocketReceive message) throws InterruptedException {
        inbox.put(message);
    }

    /** The client closes: the application receives the disconnect and its sends fail from now on. */
    void clientClose(int code, String reason) throws InterruptedException {
        clientGone = true;
        inbox.put(new WebSocketDisconnect(code, reason));
    }

    /**
     * The next thing the application produced.
     *
     * @throws ApplicationFailedException after {@code timeout} without one: the application is interrupted
     */
    Object next(Duration timeout) throws InterruptedException {
        return thread.next(outbox, timeout);
    }
}
