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
     * A bridge for callers written before violations were named: the violation with this status and reason.
     *
     * @param status the status, e.g. 408
     * @param reason the violation's reason words, e.g. "request header timeout"
     * @throws IllegalArgumentException when no violation has both
     * @deprecated name the violation: {@code new ParseError(Violation.REQUEST_HEADER_TIMEOUT)}
     */
    @Deprecated(forRemoval = true)
    public ParseError(int status, String reason) {
        this(named(status, reason));
    }

    private static Violation named(int status, String reason) {
        for (Violation v : Violation.values()) {
            if (v.status() == status && v.reason().equals(reason)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no violation " + status + " '" + reason + "'");
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
