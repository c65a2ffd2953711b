package io.jvicorn.asgi;

/**
 * An application, ASGI's {@code app(scope, receive, send)}.
 *
 * <p>The server calls it once per HTTP request, once per WebSocket connection and once for the lifespan of the server,
 * each time on its own virtual thread. {@link Receive#receive()} and {@link Send#send(SendEvent)} block that virtual
 * thread, which is the Java form of ASGI's {@code await}. An application must throw (any exception) for a scope type it
 * does not support; that is how the server learns that it does not implement the lifespan protocol.
 */
@FunctionalInterface
public interface Application {

    /**
     * Handles one connection scope.
     *
     * @param scope   what the connection is: {@link HttpScope}, {@link WebSocketScope} or {@link LifespanScope}
     * @param receive the next event from the client or the server
     * @param send    sends an event to the client or the server
     * @throws Exception any failure; the server logs it and ends the connection as Uvicorn does
     */
    void call(Scope scope, Receive receive, Send send) throws Exception;

    /**
     * Adapts an application written with {@link java.util.concurrent.CompletionStage}s to this blocking protocol.
     *
     * @param app the asynchronous application
     * @return an application that runs {@code app} on the same engine
     */
    static Application fromAsync(AsyncApplication app) {
        return new AsyncApplicationAdapter(app);
    }
}
