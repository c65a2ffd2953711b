package io.jvicorn.cli.supervisor;

import io.jvicorn.cli.reload.ChangeWatcher;
import io.jvicorn.cli.reload.ReloadSettings;
import io.jvicorn.server.SharedListeners;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code --reload}: Uvicorn's reloader. Runs the server as one worker process and, when watched files change, stops it
 * (SIGTERM, so the lifespan shutdown runs) and starts a new one. A worker that exits on its own (an application that
 * no longer loads) is started again at the next change. No health checks: a developer may hold it in a debugger.
 */
public final class ChangeReload {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");

    private final WorkerPool pool;
    private final Path workingDirectory = Path.of("").toAbsolutePath();
    private boolean stopping;
    private boolean forced;
    private boolean restartWhenGone;

    private ChangeReload(WorkerPool pool) {
        this.pool = pool;
    }

    /**
     * Runs the server and restarts it on changes until a signal stops it.
     *
     * @param mainClass the command's main class, which the worker runs
     * @param args      the command line as the user gave it
     * @param listeners the reserved places the worker listens on
     * @param settings  what to watch
     * @param delay     how long changes must settle before a restart
     * @param metrics   adds up the server process's metrics ({@code --metrics-port}), or null
     * @return the exit code, 0
     * @throws IOException if the control socket or the file watcher cannot be created
     */
    public static int run(String mainClass, List<String> args, SharedListeners listeners, ReloadSettings settings,
                          Duration delay, @Nullable SupervisorMetrics metrics) throws IOException {
        try (WorkerPool pool = new WorkerPool(mainClass, args, listeners, metrics == null ? null : metrics.workers());
             ChangeWatcher watcher = new ChangeWatcher(settings)) {
            ChangeReload reload = new ChangeReload(pool);
            Thread watching = Thread.ofPlatform().daemon().name("jvicorn-reload-watcher")
                    .start(() -> reload.watch(watcher, delay));
            try {
                return reload.loop();
            } finally {
                watching.interrupt();
            }
        }
    }

    private void watch(ChangeWatcher watcher, Duration delay) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<Path> changed = watcher.awaitChanges(delay);
                if (changed.isEmpty()) {
                    return; // the watcher was closed
                }
                pool.post(new SupervisorEvent.FilesChanged(changed));
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    private int loop() {
        long pid = ProcessHandle.current().pid();
        LOG.log(Level.INFO, "Started reloader process [" + pid + "] using WatchService");
        SupervisorSignals.install(List.of("INT", "TERM"), name -> pool.post(new SupervisorEvent.Signalled(name)));
        pool.start();
        try {
            while (!(stopping && pool.workers().isEmpty())) {
                SupervisorEvent event = pool.next(Duration.ofSeconds(1));
                if (event != null) {
                    handle(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.killAll();
        }
        LOG.log(Level.INFO, "Stopping reloader process [" + pid + "]");
        return 0;
    }

    private void handle(SupervisorEvent event) {
        switch (event) {
            case SupervisorEvent.Signalled signalled -> {
                if (!stopping) {
                    stopping = true;
                    pool.retireAll();
                } else if (signalled.name().equals("INT") && !forced) {
                    forced = true;
                    pool.killAll();
                }
            }
            case SupervisorEvent.FilesChanged changed -> {
                if (stopping) {
                    return;
                }
                LOG.log(Level.WARNING, "WatchService detected changes in "
                        + ChangeWatcher.describe(changed.paths(), workingDirectory) + ". Reloading...");
                if (pool.workers().isEmpty()) {
                    pool.start();
                } else {
                    restartWhenGone = true;
                    pool.retireAll();
                }
            }
            case SupervisorEvent.WorkerExited exited -> {
                pool.remove(exited.worker());
                if (stopping) {
                    return;
                }
                if (restartWhenGone) {
                    restartWhenGone = false;
                    pool.restarted(WorkerMetrics.RestartReason.RELOAD);
                    pool.start();
                } else {
                    LOG.log(Level.WARNING, "Child process [" + exited.worker().pid() + "] exited with code "
                            + exited.exitCode() + "; it restarts when files change.");
                }
            }
            case SupervisorEvent.WorkerServing ignored -> {
            }
        }
    }

}
