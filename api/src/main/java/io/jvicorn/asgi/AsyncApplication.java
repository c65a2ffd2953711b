package io.jvicorn.asgi;

import java.util.concurrent.CompletionStage;

/**
 * An application written with {@link CompletionStage}s, for frameworks built on futures. Run it with
 * {@link Application#fromAsync(AsyncApplication)}.
 */
@FunctionalInterface
public interface AsyncApplication {

    /**
     * Handles one connection scope.
     *
     * @param scope   the scope
     * @param receive completes with the next event
     * @param send    completes once the event is handed to the socket
     * @return completes when the application is done with the scope
     */
    CompletionStage<Void> call(Scope scope, AsyncReceive receive, AsyncSend send);

    /** ASGI's {@code receive} as a future. */
    @FunctionalInterface
    interface AsyncReceive {
        /** @return the next event */
        CompletionStage<ReceiveEvent> receive();
    }

    /** ASGI's {@code send} as a future. */
    @FunctionalInterface
    interface AsyncSend {
        /**
         * @param event the event to send
         * @return completes when sent, exceptionally as {@link Send#send(SendEvent)} would throw
         */
        CompletionStage<Void> send(SendEvent event);
    }
}
