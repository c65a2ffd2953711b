package io.jvicorn.testing;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.ClientDisconnectedException;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The virtual thread an application runs on for one scope, and the test's bounded waits on it: a wait that times out
 * interrupts the application (as the server's shutdown cancels it) and fails the test, so a hung application never
 * hangs the test.
 */
final class AppThread {
    private final String name;
    private volatile @Nullable Thread thread;

    /** @param name the thread's name, for thread dumps */
    AppThread(String name) {
        this.name = name;
    }

    void start(Runnable body) {
        thread = Thread.ofVirtual().name(name).start(body);
    }

    /**
     * Calls the application as the server does.
     *
     * @return what it threw, or null when it returned or only noticed that its client left (not a failure, as in the
     *         server)
     */
    static @Nullable Throwable call(Application app, Scope scope, Receive receive, Send send) {
        try {
            app.call(scope, receive, send);
            return null;
        } catch (ClientDisconnectedException e) {
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /**
     * The next thing the application produced.
     *
     * @param queue   where it puts what it produces
     * @param timeout how long it may take
     * @return the element
     * @throws ApplicationFailedException after {@code timeout} without one: the application is interrupted
     */
    Object next(BlockingQueue<Object> queue, Duration timeout) throws InterruptedException {
        Object o = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (o == null) {
            interrupt();
            throw new ApplicationFailedException("the application on " + name + " produced nothing for " + timeout
                    + "; it was interrupted");
        }
        return o;
    }

    /**
     * Waits for the application to return.
     *
     * @param timeout how long it may take
     * @return whether it returned; if not, it was interrupted
     */
    boolean awaitReturn(Duration timeout) throws InterruptedException {
        Thread t = thread;
        if (t == null || t.join(timeout)) {
            return true;
        }
        interrupt();
        return false;
    }

    private void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
