package io.jvicorn.cli.supervisor;

import io.jvicorn.server.SharedListeners;
import io.jvicorn.server.metrics.MetricsSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What both supervisors share: the control socket, starting workers, the live workers in start order, and the event
 * queue through which signals, worker reports and exits reach the supervisor's loop. Only the loop thread starts,
 * removes or retires workers.
 */
final class WorkerPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");

    private final BlockingQueue<SupervisorEvent> events = new ArrayBlockingQueue<>(1024);
    private final Map<Long, Worker> byPid = new ConcurrentHashMap<>();
    private final List<Worker> inStartOrder = new ArrayList<>();
    private final ControlServer control;
    private final WorkerLauncher launcher;
    private final @Nullable WorkerMetrics metrics;

    /**
     * Opens the control socket.
     *
     * @param mainClass the command's main class
     * @param args      the command line as the user gave it
     * @param listeners the places the workers share
     * @param metrics   where the workers' metrics reports go ({@code --metrics-port}), or null
     * @throws IOException if the control socket cannot be created
     */
    WorkerPool(String mainClass, List<String> args, SharedListeners listeners, @Nullable WorkerMetrics metrics)
            throws IOException {
        this.metrics = metrics;
        this.control = ControlServer.start(this::heard);
        this.launcher = new WorkerLauncher(mainClass, args, control.socket(), listeners.workerBinds(),
                listeners.inheritStandardInput());
    }

    private void heard(long pid, String line) {
        Worker worker = byPid.get(pid);
        if (worker == null) {
            return; // a worker already removed, or not one of ours
        }
        worker.heard(System.nanoTime());
        if (line.startsWith(WorkerLink.METRICS_PREFIX)) {
            if (metrics != null) {
                try {
                    metrics.reported(pid, MetricsSnapshot.decode(line.substring(WorkerLink.METRICS_PREFIX.length())));
                } catch (IllegalArgumentException e) {
                    LOG.log(System.Logger.Level.DEBUG, "worker " + pid + " sent unusable metrics: " + e.getMessage());
                }
            }
        } else if (line.equals("started")) {
            worker.markServing();
            post(new SupervisorEvent.WorkerServing(pid));
        }
    }

    /**
     * Starts a worker; its exit arrives as {@link SupervisorEvent.WorkerExited}. A failure to start the process (no
     * java executable, no memory) is logged.
     *
     * @return the worker, or null if its process could not be started
     */
    @Nullable Worker start() {
        try {
            return startProcess();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "Cannot start a worker process: " + e.getMessage());
            return null;
        }
    }

    private Worker startProcess() throws IOException {
        Worker worker = launcher.start();
        byPid.put(worker.pid(), worker);
        inStartOrder.add(worker);
        if (metrics != null) {
            metrics.started(worker.pid());
        }
        worker.process().onExit().thenAccept(process -> {
            try {
                events.put(new SupervisorEvent.WorkerExited(worker, process.exitValue()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return worker;
    }

    /**
     * Forgets a worker whose process ended.
     *
     * @param worker the worker
     */
    void remove(Worker worker) {
        byPid.remove(worker.pid());
        inStartOrder.remove(worker);
        if (metrics != null) {
            metrics.ended(worker.pid());
        }
    }

    /**
     * Counts a worker's replacement in the metrics, if kept.
     *
     * @param reason why it is replaced
     */
    void restarted(WorkerMetrics.RestartReason reason) {
        if (metrics != null) {
            metrics.restarted(reason);
        }
    }

    /** @return the live workers, oldest first */
    List<Worker> workers() {
        return List.copyOf(inStartOrder);
    }

    /** @return the workers not asked to stop, oldest first */
    List<Worker> active() {
        return inStartOrder.stream().filter(w -> !w.retiring()).toList();
    }

    /**
     * Queues an event from another thread (a signal, a report); dropped with a warning if the queue is full.
     *
     * @param event the event
     */
    void post(SupervisorEvent event) {
        if (!events.offer(event)) {
            LOG.log(System.Logger.Level.WARNING, "Supervisor event queue full; dropped " + event);
        }
    }

    /**
     * @param timeout how long to wait
     * @return the next event, or null after {@code timeout}
     * @throws InterruptedException if interrupted
     */
    @Nullable SupervisorEvent next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Asks every worker to shut down gracefully. */
    void retireAll() {
        for (Worker worker : inStartOrder) {
            if (!worker.retiring()) {
                LOG.log(System.Logger.Level.INFO, "Waiting for child process [" + worker.pid() + "]");
                worker.retire();
            }
        }
    }

    /** Kills every worker (a second Ctrl+C). */
    void killAll() {
        for (Worker worker : inStartOrder) {
            worker.kill();
        }
    }

    /** Closes the control socket. */
    @Override
    public void close() {
        control.close();
    }
}
