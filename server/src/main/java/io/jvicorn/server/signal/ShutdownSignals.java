package io.jvicorn.server.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Uvicorn's signal behaviour: the first SIGINT or SIGTERM starts a graceful shutdown on its own thread; a second SIGINT
 * forces it (Ctrl+C twice). Further signals are ignored. A SIGINT inherited as ignored is taken back
 * ({@link SignalHandlers}).
 */
public final class ShutdownSignals {
    private final Runnable graceful;
    private final Runnable force;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final AtomicBoolean forced = new AtomicBoolean();

    /**
     * @param graceful closes the server; runs on a new thread so that the signal thread is free for a second Ctrl+C
     * @param force    cancels what is still running; runs on a new thread too
     */
    public ShutdownSignals(Runnable graceful, Runnable force) {
        this.graceful = graceful;
        this.force = force;
    }

    /**
     * Handles INT and TERM from now on.
     *
     * @return the signals that could not be handled (the JVM may be running with {@code -Xrs},
     *         or lack TERM, or cannot take back an ignored INT)
     */
    public List<String> install() {
        List<String> failed = new ArrayList<>();
        for (String name : List.of("INT", "TERM")) {
            if (!SignalHandlers.handle(name, this::handle)) {
                failed.add(name);
            }
        }
        return failed;
    }

    /**
     * Reacts to one signal.
     *
     * @param signalName {@code INT} or {@code TERM}
     */
    public void handle(String signalName) {
        if (shuttingDown.compareAndSet(false, true)) {
            Thread.ofPlatform().name("jvicorn-shutdown").start(graceful);
        } else if ("INT".equals(signalName) && forced.compareAndSet(false, true)) {
            Thread.ofPlatform().name("jvicorn-force-shutdown").start(force);
        }
    }
}
