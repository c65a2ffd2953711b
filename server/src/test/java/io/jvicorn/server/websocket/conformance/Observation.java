package io.jvicorn.server.websocket.conformance;

import io.jvicorn.server.websocket.conformance.WireConnection.Incoming;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the client saw during one case.
 *
 * @param received        the events, in order
 * @param violations      frames or bytes from the server that break RFC 6455 or 7692
 * @param notes           other remarks for the report
 * @param serverClose     the server's close frame, or null
 * @param end             how TCP ended, or null if it was still open when the case gave up
 * @param clientCloseSent whether the client sent a close frame
 * @param closedByClient  whether the client started the closing handshake (sent its close before the server's came)
 * @param offers          the extension offers sent, or null
 * @param agreement       the permessage-deflate agreement, or null
 */
record Observation(List<Event> received, List<String> violations, List<String> notes,
                   Incoming.@Nullable Frame serverClose, Incoming.@Nullable End end, boolean clientCloseSent,
                   boolean closedByClient, @Nullable String offers, @Nullable String agreement) {
}
