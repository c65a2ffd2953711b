package io.jvicorn.server.websocket.conformance;

import java.util.List;
import java.util.Map;

/**
 * What a case accepts: event lists by grade (tried in order, OK first), how the connection must close, and whether the
 * outcome is only recorded.
 *
 * @param events          acceptable event lists, in the order they are tried
 * @param close           the closing rule
 * @param informational   the RFC leaves the outcome open: graded INFORMATIONAL unless the server breaks the protocol
 *                        or never closes
 * @param requiresDeflate the case is about permessage-deflate: a declined offer grades UNIMPLEMENTED
 * @param mustDecline     the offers are ones the server must decline (RFC 7692 §5, §7): accepting one fails the case
 */
record Expectation(Map<Behavior, List<Event>> events, CloseRule close, boolean informational,
                   boolean requiresDeflate, boolean mustDecline) {
}
