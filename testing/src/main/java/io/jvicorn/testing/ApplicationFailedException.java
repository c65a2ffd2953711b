package io.jvicorn.testing;

/**
 * The application under test failed: it threw (the cause), or it broke the protocol in a way the server would answer
 * with a 500 or a cut-off response (returned without starting or without completing its response). Thrown by the
 * {@link TestClient} unless {@link TestClient.Builder#raiseServerExceptions(boolean)} is off, as Starlette's
 * {@code TestClient} re-raises the application's exception.
 */
public final class ApplicationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ApplicationFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    ApplicationFailedException(String message) {
        super(message);
    }
}
