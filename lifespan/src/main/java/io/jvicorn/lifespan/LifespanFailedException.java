package io.jvicorn.lifespan;

import org.jspecify.annotations.Nullable;

/**
 * The application's lifespan startup or shutdown failed: it sent {@code lifespan.startup.failed} or
 * {@code lifespan.shutdown.failed}, or it threw with {@link LifespanMode#ON}. The failure has already been logged.
 */
public final class LifespanFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the application's message, or a description of what failed
     * @param cause   what the application threw, or null when it reported the failure itself
     */
    public LifespanFailedException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
