package io.jvicorn.cli.supervisor;

/**
 * One worker process as the supervisor tracks it: when it was last heard from, whether it serves yet, and whether
 * the supervisor asked it to stop (so that its exit is expected, not a death to make up for).
 */
final class Worker {
    private final Process process;
    private final long startedAt;
    private volatile long lastHeard;
    private volatile boolean contacted;
    private volatile boolean serving;
    private volatile boolean retiring;
    private volatile boolean killed;

    /**
     * @param process the started process
     * @param now     {@link System#nanoTime()} at the start
     */
    Worker(Process process, long now) {
        this.process = process;
        this.startedAt = now;
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    /** @return nanoseconds since the start, as {@link System#nanoTime()} counts */
    long age(long now) {
        return now - startedAt;
    }

    /**
     * The health check's clock: it starts at the worker's first report, not at its spawn, since a JVM that is still
     * booting (on a loaded machine, for longer than the timeout) cannot report anything yet.
     *
     * @return nanoseconds since the last report; 0 before the first
     */
    long silence(long now) {
        return contacted ? now - lastHeard : 0;
    }

    /** @return whether the worker has said anything yet: its JVM is up and its link beats */
    boolean contacted() {
        return contacted;
    }

    void heard(long now) {
        lastHeard = now;
        contacted = true;
    }

    boolean serving() {
        return serving;
    }

    void markServing() {
        serving = true;
    }

    boolean retiring() {
        return retiring;
    }

    /** Asks the worker to shut down gracefully (SIGTERM); its exit is then expected. */
    void retire() {
        retiring = true;
        process.destroy();
    }

    boolean killed() {
        return killed;
    }

    /** Kills a worker that stopped answering (SIGKILL); its exit is then made up for with a new one. */
    void kill() {
        killed = true;
        process.destroyForcibly();
    }
}
