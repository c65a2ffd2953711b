package io.jvicorn.engine;

import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;

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
     * Whether JFR runs in this process. Checked before an event class is touched: initializing a class that extends
     * {@link Event} registers it with JFR, which builds JFR's metadata by reflection. In a process that records nothing
     * that cost the first connection of a fresh {@code jvicorn} about 150 ms.
     *
     * @return true once JFR is initialized (a recording was started, now or before)
     */
    public static boolean recording() {
        return FlightRecorder.isInitialized();
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
