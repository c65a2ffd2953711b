package io.jvicorn.server.websocket.conformance;

import java.time.Duration;

/** One action of a case's script, run in order on the client's connection. */
sealed interface Step {

    /**
     * Bytes written as they are.
     *
     * @param chop        0 to write them in one go, else the size of each separate write (Autobahn's chopsize)
     * @param flush       whether to push them out now rather than with whatever follows (Autobahn's sync)
     * @param startsClose whether these bytes are the client's close frame, which starts the closing handshake
     */
    record Write(byte[] bytes, int chop, boolean flush, boolean startsClose) implements Step {
    }

    /**
     * A whole message, encoded when it is sent: compressed if permessage-deflate was agreed, then split into frames of
     * at most {@code autoFragment} payload bytes (0: one frame).
     */
    record SendMessage(boolean binary, byte[] payload, int autoFragment) implements Step {
    }

    /** Waits until at least {@code count} events have arrived: a barrier where Autobahn would wait a fixed time. */
    record AwaitEvents(int count) implements Step {
    }

    /**
     * Autobahn's {@code continueLater}: waits up to {@code duration}; if the server starts closing meanwhile, the rest
     * of the script is dropped, otherwise {@link Event#timeout(String)} is recorded and the script goes on.
     */
    record Pause(String tag, Duration duration) implements Step {
    }
}
