package io.jvicorn.cli.supervisor;

import io.jvicorn.server.metrics.MetricFamily;
import io.jvicorn.server.metrics.MetricsSnapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The supervisor's metrics ({@code --metrics-port} with {@code --workers} or {@code --reload}): each worker sends its
 * snapshot with its heart beat; a scrape gets the sum over the live workers, plus the counters of the workers that
 * ended (their last report), so that no counter goes back when a worker is replaced; gauges count the live workers
 * only. Increments a worker made after its last report (at most one heart beat, 0.5 s) are lost with it. The
 * supervisor's own metrics are the workers alive and the restarts by reason.
 *
 * <p>Threads: reports arrive on the control socket's reader threads, exits and restarts on the supervisor's loop,
 * scrapes on the endpoint's thread; one lock, held only to copy or swap snapshots, keeps a worker's totals from being
 * counted twice or not at all while it moves from live to ended.
 */
final class WorkerMetrics {
    /** Why a worker was replaced. */
    enum RestartReason {
        /** It exited with a code other than 0 (or a signal) on its own. */
        CRASHED,
        /** It exited with code 0 on its own ({@code --limit-max-requests}). */
        EXITED,
        /** The health check killed it. */
        UNRESPONSIVE,
        /** SIGHUP's rolling restart replaced it. */
        HUP,
        /** {@code --reload} replaced it after files changed. */
        RELOAD
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, MetricsSnapshot> live = new HashMap<>();
    private final Set<Long> alive = new HashSet<>();
    private final Set<Long> ended = new HashSet<>();
    private MetricsSnapshot retired = MetricsSnapshot.EMPTY;
    private final LongAdder[] restarts = new LongAdder[RestartReason.values().length];

    WorkerMetrics() {
        for (int i = 0; i < restarts.length; i++) {
            restarts[i] = new LongAdder();
        }
    }

    /** A worker process was started. */
    void started(long pid) {
        lock.lock();
        try {
            alive.add(pid);
        } finally {
            lock.unlock();
        }
    }

    /** A worker's report; ignored once the worker has ended (a line read after its exit was handled). */
    void reported(long pid, MetricsSnapshot snapshot) {
        lock.lock();
        try {
            if (!ended.contains(pid)) {
                live.put(pid, snapshot);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A worker's process ended: its last counters stay in the totals. */
    void ended(long pid) {
        lock.lock();
        try {
            alive.remove(pid);
            ended.add(pid);
            MetricsSnapshot last = live.remove(pid);
            if (last != null) {
                retired = retired.plus(last.countersOnly());
            }
        } finally {
            lock.unlock();
        }
    }

    /** A worker is being replaced, for this reason. */
    void restarted(RestartReason reason) {
        restarts[reason.ordinal()].increment();
    }

    /** @return the sums over all workers, with the supervisor's own metrics */
    MetricsSnapshot snapshot() {
        MetricsSnapshot sum;
        int workers;
        lock.lock();
        try {
            sum = retired;
            for (MetricsSnapshot worker : live.values()) {
                sum = sum.plus(worker);
            }
            workers = alive.size();
        } finally {
            lock.unlock();
        }
        MetricsSnapshot.Builder own = new MetricsSnapshot.Builder().add(MetricFamily.WORKERS.metricName(), workers);
        for (RestartReason reason : RestartReason.values()) {
            own.add(MetricFamily.WORKER_RESTARTS.metricName() + "{reason=\"" + reason.name().toLowerCase(Locale.ROOT)
                    + "\"}", restarts[reason.ordinal()].sum());
        }
        return sum.plus(own.build());
    }
}
