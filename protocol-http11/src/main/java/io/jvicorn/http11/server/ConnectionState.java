package io.jvicorn.http11.server;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The loop side's view of an HTTP/1.1 connection.
 *
 * <h2>Theory of operation</h2>
 *
 * <p>A connection starts {@link #OPEN}: the loop reads, parses and queues requests, up to
 * {@link ExchangeQueue#MAX_PIPELINE} ahead of their responses. Three things end that, and each is a one-way step:
 *
 * <ul>
 *   <li>The peer half-closes after complete requests: {@link #INPUT_ENDED}. What arrived is answered, in order, and
 *       the connection closes once the last response is out. The application sees {@code http.disconnect} only
 *       after its response, or if a write fails: a half-close is not a disconnect (RFC 9112 §9.6 lets a client
 *       close its sending side and wait for the answer).</li>
 *   <li>The connection must close after a response: {@link #CLOSING}. A request said {@code connection: close}, the
 *       parser rejected a request, the head timed out, the server shuts down, or the worker decided to close (the
 *       application's response said {@code connection: close}, or it failed). From here no request head is parsed:
 *       the loop reads only the rest of a body that an application is reading, and discards every other byte. The
 *       worker writes the last response whole and closes gracefully, lingering so that bytes the client sent meanwhile
 *       do not turn the close into a reset.</li>
 *   <li>A WebSocket upgrade: {@link #UPGRADED}. The loop stops reading; the WebSocket handler takes the connection
 *       over with the bytes that followed the request head.</li>
 * </ul>
 *
 * <p>{@link #CLOSED} is final, and reachable from every state. Pauses (pipeline full, request body not read by the
 * application) are not states: they only stop reading for a while, in {@link #OPEN} or {@link #CLOSING}.
 *
 * <p>Every transition happens on the loop thread. The worker's decision to close is made on the worker, in
 * {@link ExchangeQueue#stopAccepting()}, before the response that carries it is written; the loop reads that flag
 * before each request it parses and moves to {@link #CLOSING}, so the decision needs no message to take effect.
 */
enum ConnectionState {
    OPEN,
    INPUT_ENDED,
    CLOSING,
    UPGRADED,
    CLOSED;

    private static final Map<ConnectionState, Set<ConnectionState>> NEXT = new EnumMap<>(ConnectionState.class);

    static {
        NEXT.put(OPEN, EnumSet.of(INPUT_ENDED, CLOSING, UPGRADED, CLOSED));
        NEXT.put(INPUT_ENDED, EnumSet.of(CLOSING, CLOSED));
        NEXT.put(CLOSING, EnumSet.of(CLOSED));
        NEXT.put(UPGRADED, EnumSet.of(CLOSED));
        NEXT.put(CLOSED, EnumSet.noneOf(ConnectionState.class));
    }

    /**
     * @param next a state
     * @return whether the transition from this state to {@code next} is allowed
     */
    boolean canMoveTo(ConnectionState next) {
        return NEXT.get(this).contains(next);
    }

    /** @return whether request heads are still parsed: from the socket while open, from bytes already read after EOF */
    boolean parsesRequests() {
        return this == OPEN || this == INPUT_ENDED;
    }
}
