package io.jvicorn.engine;

import java.io.EOFException;

/**
 * A file body ended before the length its head had already promised: the file shrank while it was being sent. What
 * the file had went out and the connection is closed, so the client sees a short body, as with {@code sendfile}.
 */
public final class FileShrankException extends EOFException {
    private static final long serialVersionUID = 1L;

    /**
     * @param missing how many of the promised bytes the file no longer had
     */
    public FileShrankException(long missing) {
        super("the file ended " + missing + " bytes early (it shrank)");
    }
}
