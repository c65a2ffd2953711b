package io.jvicorn.asgi;

import java.io.IOException;

/**
 * Thrown by {@link Send#send(SendEvent)} once the client has gone away (ASGI 2.4: "a server-specific subclass of
 * OSError"). The server never logs it as an application error, so an application may let it propagate.
 */
public final class ClientDisconnectedException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was being sent
     */
    public ClientDisconnectedException(String message) {
        super(message);
    }

    /**
     * Creates the exception for a failure of the server's connection.
     *
     * @param message what was being sent
     * @param cause   the server's I/O failure
     */
    public ClientDisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
