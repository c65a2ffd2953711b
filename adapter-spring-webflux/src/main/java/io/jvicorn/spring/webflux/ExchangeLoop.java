package io.jvicorn.spring.webflux;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * Runs one exchange's sends on the application's own virtual thread, until the handler's {@code Mono<Void>} ends: the
 * server's {@code send} belongs to the thread the server called the application on, while Reactor may emit response
 * buffers on any thread (a scheduler's, the request body's). Writers post tasks here; the application thread takes
 * and runs them until the exchange ends. The loop is also the handler's subscriber: its completion or error ends it,
 * and {@link #cancel} cancels it.
 *
 * <p>A handler that answers while it is being subscribed (the common case) runs its tasks and ends the loop on the
 * application thread itself: then there is no queue at all. The queue is made by the first task that another thread
 * posts. Bounded by construction: a response writer has at most {@code PREFETCH} buffers requested and not yet sent,
 * and a WebSocket writer as many messages, so the queue holds a bounded number of tasks.
 */
final class ExchangeLoop implements CoreSubscriber<Void> {
    private static final VarHandle TASKS;

    static {
        try {
            TASKS = MethodHandles.lookup().findVarHandle(ExchangeLoop.class, "tasks", LinkedBlockingQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Why the loop ended, queued behind the tasks posted before it: null for success. */
    private record End(@Nullable Throwable failure) implements Runnable {
        @Override
        public void run() {
        }
    }

    /** Made by the first task another thread posts (or by {@link #run} when it has to wait); then never replaced. */
    private volatile @Nullable LinkedBlockingQueue<Runnable> tasks;
    /** The application thread: the loop is made on it. */
    private final Thread owner = Thread.currentThread();
    // Written and read by the application thread only.
    private boolean ended;
    private @Nullable Throwable failure;
    /** The handler's subscription: set on the subscribing thread, cancelled from any. */
    private volatile @Nullable Subscription handler;
    private volatile boolean cancelled;

    /**
     * Runs a task on the application thread: at once when called there with nothing queued before it (a handler
     * that answers while it is being subscribed costs no queueing), else queued. Reactive Streams bound the recursion
     * this allows (rule 3.3). Tasks posted after the end are dropped with the loop.
     *
     * @param task runs on the application thread, in order of posting
     */
    void execute(Runnable task) {
        if (runsNow()) {
            if (!ended) {
                task.run();
            }
            return;
        }
        queue().add(task);
    }

    /**
     * Ends the loop once the tasks posted before are done.
     *
     * @param failure why the exchange failed, or null
     */
    void finish(@Nullable Throwable failure) {
        if (runsNow()) {
            end(failure);
        } else {
            queue().add(new End(failure));
        }
    }

    /** On the application thread with nothing queued: a task posted now may run at once. */
    private boolean runsNow() {
        if (Thread.currentThread() != owner) {
            return false;
        }
        LinkedBlockingQueue<Runnable> q = tasks;
        return q == null || q.isEmpty();
    }

    private LinkedBlockingQueue<Runnable> queue() {
        LinkedBlockingQueue<Runnable> q = tasks;
        if (q == null) {
            q = new LinkedBlockingQueue<>();
            if (!TASKS.compareAndSet(this, null, q)) {
                q = tasks; // another thread made it first
            }
        }
        return q;
    }

    /** Application thread: the first end decides the outcome. */
    private void end(@Nullable Throwable why) {
        if (!ended) {
            ended = true;
            failure = why;
        }
    }

    /**
     * Runs tasks on the calling (application) thread until {@link #finish}; the first finish decides the outcome.
     *
     * @return the failure given to the first {@link #finish}, or null
     * @throws InterruptedException if the server cancelled the application
     */
    @Nullable Throwable run() throws InterruptedException {
        while (!ended) {
            Runnable task = queue().take();
            if (task instanceof End e) {
                end(e.failure());
            } else {
                task.run();
            }
        }
        return failure;
    }

    /** Cancels the handler (the client left, or the server cancelled the application): its streams see the cancel. */
    void cancel() {
        cancelled = true;
        Subscription s = handler;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        handler = s;
        if (cancelled) {
            s.cancel(); // cancelled before the subscription arrived
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(Void nothing) {
        // a Mono<Void> emits no value
    }

    @Override
    public void onError(Throwable t) {
        finish(t);
    }

    @Override
    public void onComplete() {
        finish(null);
    }
}
