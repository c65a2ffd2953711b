package io.jvicorn.cli;

/** The command line, environment or a file given on it is wrong; the CLI prints the message and exits with 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where, without the "Error: " prefix */
    UsageException(String message) {
        super(message);
    }
}
