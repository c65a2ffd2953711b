package io.jvicorn.asgi;

import java.io.IOException;

/** ASGI's {@code receive} callable: blocks the calling virtual thread until the next event is available. */
@FunctionalInterface
public interface Receive {

    /**
     * Returns the next event for this scope.
     *
     * @return the event, for example {@link HttpRequest} or {@link HttpDisconnect}
     * @throws IOException          if the connection failed in a way the protocol cannot express as an event
     * @throws InterruptedException if the server cancelled the application (graceful-shutdown timeout)
     */
    ReceiveEvent receive() throws IOException, InterruptedException;
}
