package io.jvicorn.server;

import io.jvicorn.asgi.Application;
import io.jvicorn.http11.server.AppGeneration;
import io.jvicorn.http11.server.ServerActivity;
import io.jvicorn.lifespan.Lifespan;
import io.jvicorn.lifespan.LifespanFailedException;
import io.jvicorn.lifespan.LifespanMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The applications a started server serves over its life, with their lifespans: the first, then each that
 * {@link Server#replaceApplication} swaps in. A replaced application is retired on a thread of its own: once its
 * running requests have finished (or {@code timeoutGracefulShutdown} passed), its lifespan shutdown runs, and then
 * nothing of the server refers to it or its class loader.
 *
 * <p>Fields are guarded by {@link #lock}, held briefly and never across a lifespan or a wait; replacements are
 * serialised by {@link #replacing}, held across the new application's startup (only reloads contend for it).
 */
final class ServedApplications {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");

    private final LifespanMode mode;
    private final @Nullable Duration retireTimeout;
    private final ServerActivity activity;
    private final ReentrantLock replacing = new ReentrantLock();
    private final ReentrantLock lock = new ReentrantLock();
    /** The lifespan of the generation serving now; null once closed. Guarded by lock. */
    private @Nullable Lifespan current;
    /** Context loader of the serving generation, for its lifespan shutdown. Guarded by lock. */
    private @Nullable ClassLoader currentLoader;
    /** Retirements not finished yet. Guarded by lock. */
    private final List<CompletableFuture<Void>> retiring = new ArrayList<>();

    ServedApplications(LifespanMode mode, @Nullable Duration retireTimeout, ServerActivity activity,
                       Lifespan first, @Nullable ClassLoader firstLoader) {
        this.mode = mode;
        this.retireTimeout = retireTimeout;
        this.activity = activity;
        this.current = first;
        this.currentLoader = firstLoader;
    }

    /**
     * Runs an application's lifespan startup with its class loader as the context loader, which the lifespan's
     * thread inherits.
     */
    static Map<String, Object> startup(Lifespan life, @Nullable ClassLoader loader)
            throws LifespanFailedException, InterruptedException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (loader != null) {
            thread.setContextClassLoader(loader);
        }
        try {
            return life.startup();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Runs a lifespan shutdown with the application's loader as context loader; a failure is logged. */
    static void shutdown(Lifespan life, @Nullable ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (loader != null) {
            thread.setContextClassLoader(loader);
        }
        try {
            life.shutdown();
        } catch (LifespanFailedException ex) {
            LOG.log(System.Logger.Level.ERROR, "lifespan shutdown failed: {0}", ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** See {@link Server#replaceApplication}. */
    CompletableFuture<Void> replace(Application next, @Nullable ClassLoader loader)
            throws LifespanFailedException, InterruptedException {
        replacing.lockInterruptibly();
        try {
            if (isClosed()) {
                throw new IllegalStateException("the server is shutting down");
            }
            Lifespan life = new Lifespan(next, mode);
            Map<String, Object> state = startup(life, loader); // throws: the current application keeps serving
            Lifespan old;
            ClassLoader oldLoader;
            AppGeneration previous = null;
            CompletableFuture<Void> retired = new CompletableFuture<>();
            lock.lock();
            try {
                old = current;
                oldLoader = currentLoader;
                if (old != null) {
                    current = life;
                    currentLoader = loader;
                    retiring.add(retired);
                    previous = activity.replace(new AppGeneration(next, state, loader));
                }
            } finally {
                lock.unlock();
            }
            if (old == null || previous == null) { // closed while the new application started: it never served
                shutdown(life, loader);
                throw new IllegalStateException("the server shut down while the new application started");
            }
            AppGeneration replaced = previous;
            Thread.ofPlatform().name("jvicorn-retire").start(() -> retire(replaced, old, oldLoader, retired));
            return retired;
        } finally {
            replacing.unlock();
        }
    }

    private void retire(AppGeneration generation, Lifespan life, @Nullable ClassLoader loader,
                        CompletableFuture<Void> retired) {
        try {
            if (!activity.awaitRetired(generation, retireTimeout)) {
                LOG.log(System.Logger.Level.WARNING, "The replaced application still runs {0} task(s) after the "
                        + "graceful shutdown timeout; its lifespan shutdown runs now", generation.running());
            }
            shutdown(life, loader);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.lock();
            try {
                retiring.remove(retired);
            } finally {
                lock.unlock();
            }
            retired.complete(null);
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return current == null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends serving: waits for retirements under way (their requests were cancelled by the server's shutdown, unless
     * {@code waitForRetired} is false), then runs the serving application's lifespan shutdown unless
     * {@code runShutdown} is false (a forced exit). Later {@link #replace} calls fail.
     */
    void close(boolean runShutdown, Duration waitForRetired) {
        Lifespan life;
        ClassLoader loader;
        List<CompletableFuture<Void>> pending;
        lock.lock();
        try {
            life = current;
            loader = currentLoader;
            current = null;
            currentLoader = null;
            pending = List.copyOf(retiring);
        } finally {
            lock.unlock();
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(waitForRetired.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.DEBUG, "replaced applications not retired before shutdown: {0}", e.toString());
        }
        if (life != null && runShutdown) {
            shutdown(life, loader);
        }
    }
}
