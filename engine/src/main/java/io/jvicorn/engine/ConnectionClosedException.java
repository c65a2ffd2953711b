package io.jvicorn.engine;

import java.io.IOException;

/**
 * A write found the connection closed, or the connection failed while writing. Protocol handlers turn it into what
 * their application protocol promises (for ASGI, {@code ClientDisconnectedException}); the engine knows no protocol.
 */
public final class ConnectionClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened
     */
    public ConnectionClosedException(String message) {
        super(message);
    }

    /**
     * @param message what happened
     * @param cause   the I/O failure that closed the connection
     */
    public ConnectionClosedException(String message, IOException cause) {
        super(message, cause);
    }
}
