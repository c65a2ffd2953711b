package io.jvicorn.asgi;

import java.io.IOException;

/** ASGI's {@code send} callable: blocks the calling virtual thread while the socket cannot take more bytes. */
@FunctionalInterface
public interface Send {

    /**
     * Sends one event.
     *
     * @param event the event, for example {@link HttpResponseStart}
     * @throws IllegalStateException     if the event is not allowed in the current state (body before start,
     *                                   start twice, anything after the final body, a WebSocket event on HTTP...)
     * @throws ClientDisconnectedException if the client has gone away
     * @throws IOException               if writing failed
     * @throws InterruptedException      if the server cancelled the application
     */
    void send(SendEvent event) throws IOException, InterruptedException;
}
