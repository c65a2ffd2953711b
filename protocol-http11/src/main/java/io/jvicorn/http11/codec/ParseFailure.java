package io.jvicorn.http11.codec;

/** Thrown inside the parser to abandon a malformed request; {@link RequestParser} turns it into a {@link ParseError}. */
final class ParseFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;

    ParseFailure(int status, String reason) {
        // No stack trace: this is control flow for bad input, which an attacker can make frequent.
        super(reason, null, false, false);
        this.status = status;
    }

    static ParseFailure badRequest(String reason) {
        return new ParseFailure(400, reason);
    }

    ParseError toError() {
        return new ParseError(status, getMessage());
    }
}
