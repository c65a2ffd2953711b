package io.jvicorn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Uvicorn's signal behaviour: the first SIGINT or SIGTERM starts a graceful shutdown on its own thread; a second SIGINT
 * forces it (Ctrl+C twice). Further signals are ignored.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the only JDK API for this; javac warns about it and no lint
 * option silences that warning under {@code --release}.
 */
final class ShutdownSignals {
    private static final System.Logger LOG = System.getLogger(CliLogging.ERROR_LOGGER);

    private final Runnable graceful;
    private final Runnable force;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final AtomicBoolean forced = new AtomicBoolean();

    /**
     * @param graceful closes the server; runs on a new thread so that the signal thread is free for a second Ctrl+C
     * @param force    cancels what is still running; runs on a new thread too
     */
    ShutdownSignals(Runnable graceful, Runnable force) {
        this.graceful = graceful;
        this.force = force;
    }

    /**
     * Handles INT and TERM from now on.
     *
     * @return the signals that could not be handled (the JVM may be running with {@code -Xrs}, or lack TERM)
     */
    List<String> install() {
        List<String> failed = new ArrayList<>();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), signal -> handle(signal.getName()));
            } catch (IllegalArgumentException e) {
                failed.add(name);
                LOG.log(System.Logger.Level.DEBUG, "Cannot handle SIG" + name, e);
            }
        }
        return failed;
    }

    /**
     * Reacts to one signal.
     *
     * @param signalName {@code INT} or {@code TERM}
     */
    void handle(String signalName) {
        if (shuttingDown.compareAndSet(false, true)) {
            Thread.ofPlatform().name("jvicorn-shutdown").start(graceful);
        } else if ("INT".equals(signalName) && forced.compareAndSet(false, true)) {
            Thread.ofPlatform().name("jvicorn-force-shutdown").start(force);
        }
    }
}
