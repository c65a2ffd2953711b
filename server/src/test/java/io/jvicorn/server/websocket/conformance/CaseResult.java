package io.jvicorn.server.websocket.conformance;

/**
 * The outcome of one case.
 *
 * @param behavior the grade
 * @param detail   what happened, for the report
 * @param millis   how long the case took
 */
record CaseResult(Behavior behavior, String detail, long millis) {
}
