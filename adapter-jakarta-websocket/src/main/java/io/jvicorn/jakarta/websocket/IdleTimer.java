package io.jvicorn.jakarta.websocket;

import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Closes sessions idle longer than their {@code maxIdleTimeout} with 1001 (going away), as Tyrus does. One daemon
 * thread per container, started with the first session that has a timeout, only schedules: the close itself is sent
 * from a virtual thread, since a send may wait for a slow client.
 */
final class IdleTimer {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");

    private volatile @Nullable ScheduledThreadPoolExecutor executor;

    /** (Re)starts watching a session whose timeout changed or that just opened. */
    void watch(JakartaSession session) {
        session.replaceIdleCheck(schedule(session, session.getMaxIdleTimeout()));
    }

    private @Nullable ScheduledFuture<?> schedule(JakartaSession session, long delayMillis) {
        if (delayMillis <= 0 || !session.isOpen()) {
            return null;
        }
        return executor().schedule(() -> check(session), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void check(JakartaSession session) {
        long timeout = session.getMaxIdleTimeout();
        if (timeout <= 0 || !session.isOpen()) {
            return;
        }
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - session.lastActivity());
        if (idle < timeout) {
            session.replaceIdleCheck(schedule(session, timeout - idle));
            return;
        }
        Thread.ofVirtual().name("jakarta-websocket-idle-close").start(() -> {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY,
                        "idle for more than " + timeout + " ms"));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "idle WebSocket session not closed cleanly: {0}", e.getMessage());
            }
        });
    }

    private ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor e = executor;
        if (e == null) {
            synchronized (this) {
                e = executor;
                if (e == null) {
                    e = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, "jakarta-websocket-idle");
                        t.setDaemon(true);
                        return t;
                    });
                    e.setRemoveOnCancelPolicy(true);
                    executor = e;
                }
            }
        }
        return e;
    }
}
