package io.jvicorn.cli.supervisor;

import io.jvicorn.server.signal.SignalHandlers;
import java.util.List;
import java.util.function.Consumer;

/** Routes signals to a supervisor's event queue; a SIGINT inherited as ignored is taken back ({@link SignalHandlers}). */
final class SupervisorSignals {
    private SupervisorSignals() {
    }

    /**
     * Handles the named signals from now on.
     *
     * @param names    signal names without {@code SIG}
     * @param received gets each signal's name, on the JVM's signal thread
     */
    static void install(List<String> names, Consumer<String> received) {
        for (String name : names) {
            SignalHandlers.handle(name, received);
        }
    }
}
