package io.jvicorn.asgi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs an {@link AsyncApplication} on the blocking protocol. Receives and sends each go through their own
 * single virtual thread, so events keep their order even when the application does not wait for one future
 * before starting the next, and a pending receive never holds up a send.
 */
final class AsyncApplicationAdapter implements Application {
    private final AsyncApplication app;

    AsyncApplicationAdapter(AsyncApplication app) {
        this.app = app;
    }

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        try (ExecutorService receiver = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("jvicorn-async-receive").factory());
             ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("jvicorn-async-send").factory())) {
            CompletableFuture<Void> done = app.call(
                    scope,
                    () -> CompletableFuture.supplyAsync(() -> call(receive::receive), receiver),
                    event -> CompletableFuture.runAsync(() -> call(() -> {
                        send.send(event);
                        return null;
                    }), sender)).toCompletableFuture();
            try {
                done.get();
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            } finally {
                receiver.shutdownNow();
                sender.shutdownNow();
            }
        }
    }

    private interface Blocking<T> {
        T run() throws Exception;
    }

    private static <T> T call(Blocking<T> op) {
        try {
            return op.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static Exception unwrap(Throwable t) {
        Throwable cause = t;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof Exception e) {
            return e;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new ExecutionException(cause);
    }
}
