package io.jvicorn.spring.webflux;

import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Runs one exchange's sends on the application's own virtual thread: the server's {@code send} belongs to the thread
 * the server called the application on, while Reactor may emit response buffers on any thread (a scheduler's, the
 * request body's). Writers post tasks here; the application thread takes and runs them until the exchange ends.
 *
 * <p>Bounded by construction: a response writer has at most {@code PREFETCH} buffers requested and not yet sent,
 * and a WebSocket writer as many messages, so the queue holds a bounded number of tasks.
 */
final class ExchangeLoop {
    /** Why the loop ended: null for success. */
    private record End(@Nullable Throwable failure) implements Runnable {
        @Override
        public void run() {
        }
    }

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    /** The application thread: the loop is made on it. */
    private final Thread owner = Thread.currentThread();
    // Written and read by the application thread only.
    private @Nullable End end;

    /**
     * Runs a task on the application thread: at once when called there with nothing queued before it (a handler
     * that answers while it is being subscribed, the common case, costs no queueing), else queued. Reactive Streams
     * bound the recursion this allows (rule 3.3). Tasks posted after the end are dropped with the loop.
     *
     * @param task runs on the application thread, in order of posting
     */
    void execute(Runnable task) {
        if (Thread.currentThread() == owner && tasks.isEmpty()) {
            if (end == null) {
                task.run();
            }
            return;
        }
        tasks.add(task);
    }

    /**
     * Ends the loop once the tasks posted before are done.
     *
     * @param failure why the exchange failed, or null
     */
    void finish(@Nullable Throwable failure) {
        tasks.add(new End(failure));
    }

    /**
     * Runs tasks on the calling (application) thread until {@link #finish}; the first finish decides the outcome.
     *
     * @return the failure given to the first {@link #finish}, or null
     * @throws InterruptedException if the server cancelled the application
     */
    @Nullable Throwable run() throws InterruptedException {
        while (end == null) {
            Runnable task = tasks.take();
            if (task instanceof End e) {
                end = e;
            } else {
                task.run();
            }
        }
        End e = end;
        return e.failure();
    }
}
