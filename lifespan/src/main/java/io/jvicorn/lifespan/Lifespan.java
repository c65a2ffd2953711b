package io.jvicorn.lifespan;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.LifespanShutdown;
import io.jvicorn.asgi.LifespanShutdownComplete;
import io.jvicorn.asgi.LifespanShutdownFailed;
import io.jvicorn.asgi.LifespanStartup;
import io.jvicorn.asgi.LifespanStartupComplete;
import io.jvicorn.asgi.LifespanStartupFailed;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.SendEvent;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One application's lifespan scope, run the way Uvicorn's {@code LifespanOn} runs it.
 *
 * <p>{@link #startup()} calls the application on a virtual thread with a {@link LifespanScope}, delivers
 * {@code lifespan.startup} and waits until the application answers or returns. {@link #shutdown()} delivers
 * {@code lifespan.shutdown} and waits the same way. An application that throws is taken as not supporting the protocol
 * with {@link LifespanMode#AUTO} (startup goes on, shutdown is skipped) and fails startup with {@link LifespanMode#ON}.
 * Every outcome is logged to the {@code jvicorn.error} logger with Uvicorn's wording.
 *
 * <p>{@link #startup()} is called once, then {@link #shutdown()} at most once, from any thread.
 */
public final class Lifespan {
    /** Uvicorn's message for a send that breaks the protocol's order. */
    public static final String STATE_TRANSITION_ERROR = "Got invalid state transition on lifespan protocol.";

    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    /** Queued after the last event: a receive that finds it learns the scope is over. */
    private static final Object SCOPE_ENDED = new Object();

    private final Application app;
    private final LifespanMode mode;
    /** Shared with every connection scope by copy; concurrent because the lifespan thread may write it at any time. */
    private final Map<String, Object> state = new ConcurrentHashMap<>();
    private final BlockingQueue<Object> receiveQueue = new LinkedBlockingQueue<>();
    private final CountDownLatch startupDone = new CountDownLatch(1);
    private final CountDownLatch shutdownDone = new CountDownLatch(1);
    private final AtomicBoolean startupCalled = new AtomicBoolean();
    private final AtomicBoolean shutdownCalled = new AtomicBoolean();

    /** Guards the two "event set" flags so that check and set in {@link #send(SendEvent)} are one step. */
    private final Object transitionLock = new Object();
    private boolean startupEventSet;
    private boolean shutdownEventSet;

    // Written before the matching latch is counted down, read after awaiting it.
    private volatile boolean errorOccurred;
    private volatile boolean startupFailed;
    private volatile boolean shutdownFailed;
    /** The application threw before startup finished; decides startup with {@link LifespanMode#ON}. */
    private volatile boolean errorDuringStartup;
    /** The application threw after startup and before shutdown finished; decides shutdown likewise. */
    private volatile boolean errorDuringShutdown;
    private volatile @Nullable String failureMessage;
    private volatile @Nullable Throwable appError;
    /** startup() was interrupted: nobody waits for the application any more. */
    private volatile boolean startupAbandoned;

    /**
     * Prepares the lifespan of {@code app}; nothing runs before {@link #startup()}.
     *
     * @param app  the application to run
     * @param mode whether and how strictly the lifespan protocol runs
     */
    public Lifespan(Application app, LifespanMode mode) {
        this.app = Objects.requireNonNull(app, "app");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * Starts the lifespan scope and waits until the application has started.
     *
     * <p>Returns once the application sent {@code lifespan.startup.complete}, or returned, or (with
     * {@link LifespanMode#AUTO}) threw. With {@link LifespanMode#OFF} the application is not called and the state stays
     * empty.
     *
     * @return the lifespan state the application filled: mutable, shared, not a copy
     * @throws LifespanFailedException if the application sent {@code lifespan.startup.failed}, or threw with
     *                                 {@link LifespanMode#ON}
     * @throws InterruptedException    if interrupted while waiting; the scope is ended
     * @throws IllegalStateException   if called twice
     */
    public Map<String, Object> startup() throws LifespanFailedException, InterruptedException {
        if (!startupCalled.compareAndSet(false, true)) {
            throw new IllegalStateException("Lifespan.startup() was already called");
        }
        if (mode == LifespanMode.OFF) {
            return state;
        }
        LOG.log(Level.INFO, "Waiting for application startup.");
        receiveQueue.add(LifespanStartup.INSTANCE);
        Thread.ofVirtual().name("jvicorn-lifespan").start(this::runApplication);
        try {
            startupDone.await();
        } catch (InterruptedException e) {
            startupAbandoned = true;
            endScope();
            throw e;
        }
        if (startupFailed || (errorDuringStartup && mode == LifespanMode.ON)) {
            LOG.log(Level.ERROR, "Application startup failed. Exiting.");
            endScope();
            throw failure(startupFailed, "Application startup failed.");
        }
        LOG.log(Level.INFO, "Application startup complete.");
        return state;
    }

    /**
     * Delivers {@code lifespan.shutdown} and waits until the application answers or returns.
     *
     * <p>Does nothing with {@link LifespanMode#OFF}, before {@link #startup()}, after a failed, interrupted or
     * unsupported startup, and when called again. Called while {@link #startup()} is still waiting, it first waits
     * for startup to finish (Uvicorn runs shutdown even when asked to exit during startup). Afterwards a
     * {@code receive()} the application still makes throws {@link InterruptedException}: the scope is over.
     *
     * @throws LifespanFailedException if the application sent {@code lifespan.shutdown.failed}, or threw with
     *                                 {@link LifespanMode#ON}
     * @throws InterruptedException    if interrupted while waiting; the scope is ended
     */
    public void shutdown() throws LifespanFailedException, InterruptedException {
        if (mode == LifespanMode.OFF || !startupCalled.get() || !shutdownCalled.compareAndSet(false, true)) {
            return;
        }
        if (!startupAbandoned) {
            try {
                startupDone.await(); // a shutdown requested during startup runs once startup has finished
            } catch (InterruptedException e) {
                endScope();
                throw e;
            }
        }
        if (startupAbandoned || errorOccurred || startupFailed) {
            return;
        }
        LOG.log(Level.INFO, "Waiting for application shutdown.");
        receiveQueue.add(LifespanShutdown.INSTANCE);
        try {
            shutdownDone.await();
        } finally {
            endScope();
        }
        if (shutdownFailed || (errorDuringShutdown && mode == LifespanMode.ON)) {
            LOG.log(Level.ERROR, "Application shutdown failed. Exiting.");
            throw failure(shutdownFailed, "Application shutdown failed.");
        }
        LOG.log(Level.INFO, "Application shutdown complete.");
    }

    /**
     * Whether the application takes part in the lifespan protocol.
     *
     * @return false with {@link LifespanMode#OFF} or once the application threw on its lifespan scope
     */
    public boolean supported() {
        return mode != LifespanMode.OFF && !errorOccurred;
    }

    /**
     * The state the application fills during startup.
     *
     * @return the lifespan state, the same map {@link #startup()} returns
     */
    public Map<String, Object> state() {
        return state;
    }

    /**
     * The mode given to the constructor.
     *
     * @return the mode this lifespan runs in
     */
    public LifespanMode mode() {
        return mode;
    }

    private void runApplication() {
        try {
            app.call(new LifespanScope(AsgiVersion.LIFESPAN, state), this::receive, this::send);
        } catch (Throwable t) {
            // Python's BaseException: whatever the application threw means it is done with the scope.
            onApplicationError(t);
        } finally {
            synchronized (transitionLock) {
                startupEventSet = true;
                shutdownEventSet = true;
            }
            startupDone.countDown();
            shutdownDone.countDown();
        }
    }

    private void onApplicationError(Throwable t) {
        if (t instanceof ScopeEndedException) {
            return; // the application was still receiving when the scope ended; that is no failure
        }
        // Attribute the error to the phase still open, so a verdict already handed out never changes.
        synchronized (transitionLock) {
            errorDuringStartup = !startupEventSet;
            errorDuringShutdown = startupEventSet && !shutdownEventSet;
        }
        errorOccurred = true;
        if (startupFailed || shutdownFailed) {
            return; // the application reported the failure itself and it has been logged
        }
        if (mode == LifespanMode.AUTO) {
            LOG.log(Level.INFO, "ASGI 'lifespan' protocol appears unsupported.");
            LOG.log(Level.DEBUG, "The application threw on its lifespan scope", t);
        } else {
            appError = t;
            LOG.log(Level.ERROR, "Exception in 'lifespan' protocol", t);
        }
    }

    private ReceiveEvent receive() throws InterruptedException {
        Object next = receiveQueue.take();
        if (next == SCOPE_ENDED) {
            receiveQueue.add(SCOPE_ENDED);
            throw new ScopeEndedException();
        }
        return (ReceiveEvent) next;
    }

    private void send(SendEvent event) {
        Objects.requireNonNull(event, "event");
        CountDownLatch done;
        @Nullable String message = null;
        synchronized (transitionLock) {
            switch (event) {
                case LifespanStartupComplete ignored -> {
                    requireStartupPending(event);
                    startupEventSet = true;
                    done = startupDone;
                }
                case LifespanStartupFailed failed -> {
                    requireStartupPending(event);
                    startupEventSet = true;
                    startupFailed = true;
                    failureMessage = message = failed.message();
                    done = startupDone;
                }
                case LifespanShutdownComplete ignored -> {
                    requireShutdownPending(event);
                    shutdownEventSet = true;
                    done = shutdownDone;
                }
                case LifespanShutdownFailed failed -> {
                    requireShutdownPending(event);
                    shutdownEventSet = true;
                    shutdownFailed = true;
                    failureMessage = message = failed.message();
                    done = shutdownDone;
                }
                default -> throw new IllegalStateException(
                        STATE_TRANSITION_ERROR + " " + event.type() + " is not a lifespan message.");
            }
        }
        if (message != null && !message.isEmpty()) {
            LOG.log(Level.ERROR, message);
        }
        done.countDown();
    }

    private void requireStartupPending(SendEvent event) {
        if (startupEventSet || shutdownEventSet) {
            throw new IllegalStateException(
                    STATE_TRANSITION_ERROR + " " + event.type() + " was sent after startup had finished.");
        }
    }

    private void requireShutdownPending(SendEvent event) {
        if (!startupEventSet) {
            throw new IllegalStateException(
                    STATE_TRANSITION_ERROR + " " + event.type() + " was sent before startup had finished.");
        }
        if (shutdownEventSet) {
            throw new IllegalStateException(
                    STATE_TRANSITION_ERROR + " " + event.type() + " was sent after shutdown had finished.");
        }
    }

    private LifespanFailedException failure(boolean reportedByApplication, String fallback) {
        String reported = failureMessage;
        if (reportedByApplication) {
            return new LifespanFailedException(reported == null || reported.isEmpty() ? fallback : reported, null);
        }
        return new LifespanFailedException("Exception in 'lifespan' protocol", appError);
    }

    private void endScope() {
        receiveQueue.add(SCOPE_ENDED);
    }

    /** What {@code receive()} throws once the scope is over: the server will deliver nothing more. */
    private static final class ScopeEndedException extends InterruptedException {
        private static final long serialVersionUID = 1L;

        ScopeEndedException() {
            super("the lifespan scope has ended");
        }
    }
}
