package io.jvicorn.websocket.server;

import io.jvicorn.asgi.rules.WebSocketPhase;
import io.jvicorn.engine.Transport;
import io.jvicorn.websocket.codec.WebSocketSession;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * What the application's side and the loop's side of one socket share: the {@link WebSocketSession} and handshake
 * {@link WebSocketPhase} under one lock, the {@link FrameWriter}, the {@link Inbox} and the closing deadline.
 *
 * <p>The session lock is only ever held for encoding or decoding, never across a write. Application threads take it
 * with {@link #lockSession()}. The loop must not wait for it (a large message may be compressing), so it uses
 * {@link #tryLockFromLoop()}; when that fails, the application thread's {@link #unlockSession()} hands the loop its
 * postponed work through {@link Transport#execute}.
 */
final class SocketEndpoint {
    final Transport connection;
    final WebSocketServerSettings settings;
    final FrameWriter writer;
    final Inbox inbox;
    /** Counted down when the connection is closed or its graceful close has begun: the session is over. */
    final CountDownLatch ended = new CountDownLatch(1);

    private final ReentrantLock sessionLock = new ReentrantLock();
    private volatile boolean loopWaiting;
    private volatile Runnable loopWork = () -> { };
    private volatile long closeDeadline;
    private volatile @Nullable Thread appThread;
    private volatile boolean cancelled;
    /** The application has sent a ping: the client's pongs, other than keepalive answers, go to its inbox. */
    volatile boolean appPings;

    // Guarded by sessionLock.
    WebSocketPhase phase = WebSocketPhase.HANDSHAKE;
    /** Created when the application accepts. */
    @Nullable WebSocketSession session;
    /** The application has sent its close, or completed a refusal: it may send nothing more. */
    boolean appDone;
    /** The session's native memory is freed (the connection is closed). */
    boolean released;

    SocketEndpoint(Transport connection, WebSocketServerSettings settings) {
        this.connection = connection;
        this.settings = settings;
        this.writer = new FrameWriter(connection, ended::countDown);
        this.inbox = new Inbox(settings.maxQueue(), this::runLoopWork);
    }

    /** @param work what the loop does when the session lock or inbox room it waited for becomes available */
    void loopWork(Runnable work) {
        this.loopWork = work;
    }

    private void runLoopWork() {
        connection.execute(loopWork);
    }

    void lockSession() {
        sessionLock.lock();
    }

    void unlockSession() {
        sessionLock.unlock();
        if (loopWaiting) {
            loopWaiting = false;
            runLoopWork();
        }
    }

    /** @return true if the loop now holds the session lock; false means its work runs again once it is free */
    boolean tryLockFromLoop() {
        if (sessionLock.tryLock()) {
            return true;
        }
        loopWaiting = true;
        // Checked again after announcing the wait: the holder may have unlocked before it could see the flag.
        return sessionLock.tryLock();
    }

    void unlockFromLoop() {
        sessionLock.unlock();
    }

    /** This side has started closing: if the TCP connection is still open after the close timeout, drop it. */
    void armCloseDeadline() {
        if (closeDeadline == 0) {
            long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
            closeDeadline = deadline == 0 ? 1 : deadline;
        }
    }

    /** @return the deadline set by {@link #armCloseDeadline()}, or 0 */
    long closeDeadline() {
        return closeDeadline;
    }

    /** @param thread the thread running the application, or null once it returned */
    void appThread(@Nullable Thread thread) {
        this.appThread = thread;
    }

    /** The graceful shutdown timed out: interrupts the application. Loop thread. */
    void cancelApp() {
        cancelled = true;
        Thread t = appThread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** @return whether {@link #cancelApp()} was called */
    boolean isCancelled() {
        return cancelled;
    }
}
