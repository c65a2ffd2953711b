package io.jvicorn.cli.testapps;

import io.jvicorn.asgi.AsyncApplication;
import io.jvicorn.asgi.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** An asynchronous application; counts its calls so a test can see it ran behind the adapter. */
public class AsyncApp implements AsyncApplication {
    /** How many times any instance was called. */
    public static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public CompletionStage<Void> call(Scope scope, AsyncReceive receive, AsyncSend send) {
        CALLS.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }
}
