package io.jvicorn.server;

/**
 * The server could not start: the port is in use, the host does not resolve, or the application's lifespan startup
 * failed. The CLI exits with code 3 on it, as Uvicorn does.
 */
public final class ServerStartupException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and, where possible, how to fix it
     * @param cause   the underlying failure, or null
     */
    public ServerStartupException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
        super(message, cause);
    }
}
