package io.jvicorn.http11.codec;

/**
 * A malformed or unacceptable request; the connection should answer with {@code status} and close.
 *
 * @param status 400, 413, 414, 431, 501 or 505
 * @param reason a few words for the response body and the debug log
 */
public record ParseError(int status, String reason) implements ParseEvent {
}
