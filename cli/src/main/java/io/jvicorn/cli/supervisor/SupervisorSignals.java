package io.jvicorn.cli.supervisor;

import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Routes signals to a supervisor's event queue. {@code sun.misc.Signal} (module jdk.unsupported) is the only JDK API
 * for HUP, TTIN and TTOU.
 */
final class SupervisorSignals {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");

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
            try {
                Signal.handle(new Signal(name), signal -> received.accept(signal.getName()));
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.DEBUG, "Cannot handle SIG" + name, e);
            }
        }
    }
}
