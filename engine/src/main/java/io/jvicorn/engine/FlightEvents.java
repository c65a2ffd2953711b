package io.jvicorn.engine;

import jdk.jfr.Event;

/**
 * Commits jvicorn's JFR events from wherever they end. On a selector loop that carries virtual threads
 * ({@code --carriers loops}) an event committed by the loop's own platform thread never reached the recording (seen on
 * JDK 25: the same event from the same loop with {@code --carriers pool}, or from a virtual thread the loop carries, is
 * recorded); so a platform thread hands the commit to a virtual thread of the JDK's pool. Only while a recording wants
 * the event, so it costs nothing otherwise.
 */
public final class FlightEvents {
    private FlightEvents() {
    }

    /**
     * Ends and commits {@code event}: its duration ends now, whichever thread writes it.
     *
     * @param event an event begun and filled in
     */
    public static void commit(Event event) {
        event.end();
        if (Thread.currentThread().isVirtual()) {
            event.commit();
        } else {
            Thread.ofVirtual().name("jvicorn-jfr").start(event::commit);
        }
    }
}
