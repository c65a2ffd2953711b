package io.jvicorn.cli;

import org.jspecify.annotations.Nullable;

/** The application named on the command line could not be loaded; the CLI logs the message and exits with 3. */
public final class AppLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the complete log message, starting with Uvicorn's "Error loading ASGI app."
     * @param cause   what failed underneath, or null
     */
    public AppLoadException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
