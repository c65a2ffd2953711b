package io.jvicorn.http11.server;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.NonBlockingApplication;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One application as the server serves it: the application, the state its lifespan startup filled, and the count of
 * its requests running now. A server serves one generation at a time ({@link ServerActivity#serving()}); an in-process
 * reload makes a new one serving and retires the old one, whose running requests finish on it.
 *
 * <p>The running count is the server's task count itself (it replaced a server-wide counter, so a request pays no
 * extra atomic for it), with one bit marking the generation retired: a request that counted itself in after that bit
 * was set sees it in the same atomic operation, counts itself out and takes the new serving generation. So once
 * {@link #running()} reached 0 after {@link ServerActivity#replace}, no request starts on this generation any more.
 */
public final class AppGeneration {
    /** Set in {@link #tasks} once retired; below it, the number of running requests. */
    private static final int RETIRED = 1 << 30;

    private final Application app;
    private final Map<String, Object> state;
    private final @Nullable ClassLoader contextLoader;
    private final boolean nonBlocking;
    /** Running requests, plus {@link #RETIRED}; changed by every request's thread. */
    private final AtomicInteger tasks = new AtomicInteger();

    /**
     * @param app           the application
     * @param state         the lifespan state its startup filled; each scope gets a shallow copy
     * @param contextLoader the context class loader its requests run with (the loader of a reloadable application),
     *                      or null to leave the threads' own (then the application may be answered on the selector
     *                      loop when it is a {@link NonBlockingApplication})
     */
    public AppGeneration(Application app, Map<String, Object> state, @Nullable ClassLoader contextLoader) {
        this.app = app;
        this.state = state;
        this.contextLoader = contextLoader;
        // A loop thread must never take a reloadable application's loader as its context loader: it would keep the
        // loader alive after the reload.
        this.nonBlocking = app instanceof NonBlockingApplication && contextLoader == null;
    }

    /** @return the application */
    public Application app() {
        return app;
    }

    /** @return the lifespan state */
    public Map<String, Object> state() {
        return state;
    }

    /** @return the context class loader for this application's requests, or null to leave the thread's */
    public @Nullable ClassLoader contextLoader() {
        return contextLoader;
    }

    /** @return whether a request may be answered on the selector loop */
    boolean answersInline() {
        return nonBlocking;
    }

    /** @return requests running on this generation now */
    public int running() {
        return tasks.get() & ~RETIRED;
    }

    /** @return whether a newer generation replaced this one */
    public boolean retired() {
        return (tasks.get() & RETIRED) != 0;
    }

    /** Counts a request in; false (and counted out again) if this generation was retired meanwhile. */
    boolean enter() {
        if ((tasks.incrementAndGet() & RETIRED) == 0) {
            return true;
        }
        tasks.decrementAndGet();
        return false;
    }

    /** @return the requests still running after this one left */
    int exit() {
        return tasks.decrementAndGet() & ~RETIRED;
    }

    /** Marks the generation retired; called once, after the next generation was made the serving one. */
    void retire() {
        int before = tasks.getAndAdd(RETIRED);
        if ((before & RETIRED) != 0) {
            tasks.getAndAdd(-RETIRED);
            throw new IllegalStateException("generation already retired");
        }
    }
}
