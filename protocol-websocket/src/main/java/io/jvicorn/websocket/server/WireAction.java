package io.jvicorn.websocket.server;

import java.io.IOException;

/** Something to write to a WebSocket's connection or stream, run by whoever holds the {@link FrameWriter}'s lock. */
@FunctionalInterface
interface WireAction {
    /**
     * Writes, parking the calling virtual thread while the peer does not take the bytes.
     *
     * @throws IOException if the connection or stream is closed or failed
     */
    void run() throws IOException;
}
