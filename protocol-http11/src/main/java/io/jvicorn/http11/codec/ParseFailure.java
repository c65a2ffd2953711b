package io.jvicorn.http11.codec;

/** Thrown inside the parser to abandon a malformed request; {@link RequestParser} turns it into a {@link ParseError}. */
final class ParseFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final Violation violation;

    ParseFailure(Violation violation) {
        // No stack trace: this is control flow for bad input, which an attacker can make frequent.
        super(violation.reason(), null, false, false);
        this.violation = violation;
    }

    ParseError toError() {
        return new ParseError(violation);
    }
}
