package io.jvicorn.cli.supervisor;

import io.jvicorn.server.SharedListeners;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code --workers N}: Uvicorn's multiprocess supervisor. Keeps N worker processes serving the shared ports; a worker
 * that dies is replaced (after a growing pause when workers keep dying young), one that stops beating for
 * {@code --timeout-worker-healthcheck} is killed and replaced, and one that fails to start (exit code 3 before it
 * served) stops everything with code 3, as Gunicorn and Uvicorn do. A worker whose resident memory passes
 * {@code --workers-max-rss} is replaced as in a rolling restart: its successor first, then it retires and drains
 * (Granian's option). SIGINT/SIGTERM stop the workers gracefully (a
 * second SIGINT kills them), SIGHUP replaces them one by one (each old worker retires once its replacement serves),
 * SIGTTIN and SIGTTOU add and remove one.
 */
public final class Multiprocess {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final Duration TICK = Duration.ofMillis(100);
    /** A worker that exits sooner than this after its start counts as dying young. */
    private static final long YOUNG_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long MAX_RESPAWN_PAUSE_NANOS = Duration.ofSeconds(10).toNanos();
    private static final int EXIT_STARTUP_FAILURE = 3;
    /** How often workers' resident memory is read: a file read per worker, and memory grows slowly. */
    private static final long MEMORY_CHECK_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long MIB = 1024 * 1024;

    private final WorkerPool pool;
    private final long healthTimeoutNanos;
    private final long maxRssBytes;
    private long nextMemoryCheck;
    private int desired;
    private boolean stopping;
    private boolean forced;
    private int exitCode;
    private int youngDeaths;
    private long respawnNotBefore;
    private final Deque<Worker> awaitingReplacement = new ArrayDeque<>();
    private @Nullable Worker replacement;
    private @Nullable Worker replaced;

    private Multiprocess(WorkerPool pool, int workers, Duration healthTimeout, long maxRssBytes) {
        this.pool = pool;
        this.desired = workers;
        this.healthTimeoutNanos = healthTimeout.toNanos();
        this.maxRssBytes = maxRssBytes;
        this.respawnNotBefore = System.nanoTime();
        this.nextMemoryCheck = respawnNotBefore;
    }

    /**
     * Runs the workers until a signal stops them.
     *
     * @param mainClass     the command's main class, which workers run
     * @param args          the command line as the user gave it
     * @param listeners     the reserved places the workers listen on
     * @param workers       how many workers to keep
     * @param healthTimeout kill a worker silent this long; zero turns health checks off
     * @param maxRssBytes   replace a worker whose resident memory passes this many bytes; zero for no limit
     * @param metrics       adds up the workers' metrics ({@code --metrics-port}), or null
     * @return the exit code: 0, or 3 when a worker failed to start
     * @throws IOException if the control socket cannot be created
     */
    public static int run(String mainClass, List<String> args, SharedListeners listeners, int workers,
                          Duration healthTimeout, long maxRssBytes, @Nullable SupervisorMetrics metrics)
            throws IOException {
        try (WorkerPool pool = new WorkerPool(mainClass, args, listeners, metrics == null ? null : metrics.workers())) {
            return new Multiprocess(pool, workers, healthTimeout, maxRssBytes).loop();
        }
    }

    private int loop() {
        long pid = ProcessHandle.current().pid();
        LOG.log(Level.INFO, "Started parent process [" + pid + "]");
        SupervisorSignals.install(List.of("INT", "TERM", "HUP", "TTIN", "TTOU"),
                name -> pool.post(new SupervisorEvent.Signalled(name)));
        keepWorkersUp();
        try {
            while (!(stopping && pool.workers().isEmpty())) {
                SupervisorEvent event = pool.next(TICK);
                if (event != null) {
                    handle(event);
                }
                if (!stopping) {
                    checkHealth();
                    checkMemory();
                    keepWorkersUp();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.killAll();
        }
        LOG.log(Level.INFO, "Stopping parent process [" + pid + "]");
        return exitCode;
    }

    private void handle(SupervisorEvent event) {
        switch (event) {
            case SupervisorEvent.Signalled signalled -> signalled(signalled.name());
            case SupervisorEvent.WorkerServing serving -> replacementServing(serving.pid());
            case SupervisorEvent.WorkerExited exited -> exited(exited.worker(), exited.exitCode());
            case SupervisorEvent.FilesChanged ignored -> {
            }
        }
    }

    private void signalled(String name) {
        switch (name) {
            case "INT", "TERM" -> {
                if (!stopping) {
                    LOG.log(Level.INFO, "Received SIG" + name + ", exiting.");
                    stop(0);
                } else if (name.equals("INT") && !forced) {
                    forced = true;
                    LOG.log(Level.WARNING, "Received SIGINT again, killing the workers.");
                    pool.killAll();
                }
            }
            case "HUP" -> {
                if (stopping) {
                    return;
                }
                if (replacement != null) {
                    LOG.log(Level.WARNING, "Received SIGHUP during a restart; ignored.");
                    return;
                }
                LOG.log(Level.INFO, "Received SIGHUP, restarting processes.");
                awaitingReplacement.addAll(pool.active());
                replaceNext();
            }
            case "TTIN" -> {
                if (!stopping) {
                    LOG.log(Level.INFO, "Received SIGTTIN, increasing the number of processes.");
                    desired++;
                }
            }
            case "TTOU" -> {
                if (stopping) {
                    return;
                }
                if (desired <= 1) {
                    LOG.log(Level.INFO, "Already reached one process, cannot decrease the number of processes "
                            + "anymore.");
                    return;
                }
                LOG.log(Level.INFO, "Received SIGTTOU, decreasing number of processes.");
                desired--;
                List<Worker> active = pool.active().stream().filter(w -> w != replacement).toList();
                if (active.size() > desired) {
                    Worker newest = active.get(active.size() - 1);
                    awaitingReplacement.remove(newest);
                    newest.retire();
                }
            }
            default -> LOG.log(Level.DEBUG, "Ignored SIG" + name);
        }
    }

    /** Rolling restart: start the replacement of the next old worker; the old one retires when it serves. */
    private void replaceNext() {
        Worker old;
        while ((old = awaitingReplacement.poll()) != null) {
            if (old.process().isAlive() && !old.retiring()) {
                Worker started = pool.start();
                if (started == null) {
                    awaitingReplacement.clear();
                    return;
                }
                replacement = started;
                replaced = old;
                return;
            }
        }
    }

    private void replacementServing(long pid) {
        Worker next = replacement;
        Worker old = replaced;
        if (next == null || old == null || next.pid() != pid) {
            return;
        }
        replacement = null;
        replaced = null;
        old.retire();
        pool.restarted(WorkerMetrics.RestartReason.HUP);
        replaceNext();
    }

    private void exited(Worker worker, int code) {
        pool.remove(worker);
        if (stopping || worker.retiring()) {
            return;
        }
        if (worker == replacement) {
            LOG.log(Level.ERROR, "Child process [" + worker.pid() + "] exited with code " + code + " before it "
                    + "served; restart aborted, the running workers are kept.");
            replacement = null;
            replaced = null;
            awaitingReplacement.clear();
            return;
        }
        if (code == EXIT_STARTUP_FAILURE && !worker.serving()) {
            LOG.log(Level.ERROR, "Child process [" + worker.pid() + "] failed to start (exit code 3); stopping.");
            stop(EXIT_STARTUP_FAILURE);
            return;
        }
        pool.restarted(worker.killed() ? WorkerMetrics.RestartReason.UNRESPONSIVE
                : code == 0 ? WorkerMetrics.RestartReason.EXITED : WorkerMetrics.RestartReason.CRASHED);
        LOG.log(code == 0 ? Level.INFO : Level.WARNING, worker.killed()
                ? "Child process [" + worker.pid() + "] killed"
                : "Child process [" + worker.pid() + "] died" + (code == 0 ? "" : " (exit code " + code + ")"));
        long now = System.nanoTime();
        youngDeaths = worker.age(now) < YOUNG_NANOS ? youngDeaths + 1 : 0;
        if (youngDeaths > 0) {
            long pause = Math.min(TICK.toNanos() << Math.min(youngDeaths, 16), MAX_RESPAWN_PAUSE_NANOS);
            respawnNotBefore = now + pause;
        }
    }

    private void checkHealth() {
        if (healthTimeoutNanos <= 0) {
            return;
        }
        long now = System.nanoTime();
        for (Worker worker : pool.active()) {
            // The clock starts at the worker's first word: a JVM still booting cannot beat yet, and a loaded machine
            // can take longer than the timeout to get there. From then on it beats, also during lifespan startup.
            if (worker.contacted() && !worker.killed() && worker.silence(now) > healthTimeoutNanos) {
                LOG.log(Level.WARNING, "Child process [" + worker.pid() + "] has not answered for "
                        + Duration.ofNanos(healthTimeoutNanos).toMillis() / 1000.0 + " s; killing it.");
                worker.kill();
            }
        }
    }

    /**
     * Replaces the first serving worker whose resident memory passed the limit, as a rolling restart replaces one: not
     * while a replacement is starting, so that one worker at a time is out of the count.
     */
    private void checkMemory() {
        long now = System.nanoTime();
        if (maxRssBytes <= 0 || replacement != null || now - nextMemoryCheck < 0) {
            return;
        }
        nextMemoryCheck = now + MEMORY_CHECK_NANOS;
        for (Worker worker : pool.active()) {
            if (!worker.serving() || worker.killed()) {
                continue;
            }
            long rss = ResidentMemory.bytes(worker.pid());
            if (rss > maxRssBytes) {
                LOG.log(Level.WARNING, "Child process [" + worker.pid() + "] uses " + rss / MIB + " MiB of resident "
                        + "memory, more than --workers-max-rss " + maxRssBytes / MIB + " MiB; replacing it.");
                awaitingReplacement.add(worker);
                replaceNext();
                return;
            }
        }
    }

    /** Starts workers until there are {@code desired}; not during a rolling restart, which counts for itself. */
    private void keepWorkersUp() {
        if (replacement != null || System.nanoTime() - respawnNotBefore < 0) {
            return;
        }
        while (pool.active().size() < desired) {
            if (pool.start() == null) {
                respawnNotBefore = System.nanoTime() + MAX_RESPAWN_PAUSE_NANOS;
                return;
            }
        }
    }


    private void stop(int code) {
        stopping = true;
        exitCode = code;
        awaitingReplacement.clear();
        replacement = null;
        replaced = null;
        pool.retireAll();
    }
}
