package io.jvicorn.http11.codec;

import java.util.Objects;

/**
 * A malformed or unacceptable request; the connection should answer with {@link #status()} and close.
 *
 * @param violation the rule the request broke
 */
public record ParseError(Violation violation) implements ParseEvent {

    /** Checks the violation is present. */
    public ParseError {
        Objects.requireNonNull(violation, "violation");
    }

    /**
     * The status to answer with.
     *
     * @return 400, 408, 413, 414, 431, 501 or 505
     */
    public int status() {
        return violation.status();
    }

    /**
     * A few words for the response body and the debug log.
     *
     * @return the violation's reason
     */
    public String reason() {
        return violation.reason();
    }
}
