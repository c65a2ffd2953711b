package io.jvicorn.cli.supervisor;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A worker's line to its supervisor: it says who it is, that it serves, and then that it is alive, every
 * {@link #HEARTBEAT_INTERVAL}, once its selector loops have answered a probe. When the supervisor is gone (a write
 * fails), the worker shuts down instead of serving on as an orphan.
 *
 * <p>The protocol is ASCII lines: {@code worker <pid>}, {@code started}, {@code alive}, and with
 * {@code --metrics-port} a {@code metrics <snapshot>} line after each {@code alive} (the worker's counters as
 * {@code MetricsSnapshot.encode} writes them), which the supervisor adds up.
 */
public final class WorkerLink implements AutoCloseable {
    /** The environment variable that makes a jvicorn process a worker: the supervisor's control socket. */
    public static final String SOCKET_VARIABLE = "JVICORN_SUPERVISOR_SOCKET";
    /** The environment variable with the places a worker listens on, space-separated {@code --bind} values. */
    public static final String BINDS_VARIABLE = "JVICORN_SUPERVISOR_BINDS";
    /** How often a worker reports that it is alive. */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(500);

    /** What starts a metrics report line. */
    static final String METRICS_PREFIX = "metrics ";

    private static final System.Logger LOG = System.getLogger("jvicorn.error");

    private final SocketChannel channel;
    private final AtomicBoolean gone = new AtomicBoolean();
    private final ReentrantLock sending = new ReentrantLock();
    private volatile @Nullable Supplier<CompletableFuture<Void>> probe;
    private volatile Runnable onSupervisorGone;
    private volatile @Nullable Supplier<String> metrics;
    private final Thread heartbeat;

    private WorkerLink(SocketChannel channel, Runnable beforeServing) {
        this.channel = channel;
        this.onSupervisorGone = beforeServing;
        this.heartbeat = Thread.ofPlatform().daemon().name("jvicorn-heartbeat").unstarted(this::beat);
    }

    /**
     * Connects to the supervisor and starts the heart beat; until {@link #serving} it beats without probing.
     *
     * @param socket        the supervisor's control socket
     * @param beforeServing what to do if the supervisor goes away before the server serves (exit, typically)
     * @return the link
     * @throws IOException if the supervisor cannot be reached
     */
    public static WorkerLink connect(Path socket, Runnable beforeServing) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        WorkerLink link = new WorkerLink(channel, beforeServing);
        try {
            link.send("worker " + ProcessHandle.current().pid());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        link.heartbeat.start();
        return link;
    }

    /**
     * Reports that the server listens; from now on each beat first waits for {@code probe}.
     *
     * @param probe            completes when the server's loops are alive ({@code Server::probeLoops})
     * @param onSupervisorGone shuts the server down gracefully; runs at most once, on the heartbeat thread
     */
    public void serving(Supplier<CompletableFuture<Void>> probe, Runnable onSupervisorGone) {
        this.onSupervisorGone = onSupervisorGone;
        this.probe = probe;
        try {
            send("started");
        } catch (IOException e) {
            supervisorGone(e);
        }
    }

    /**
     * Sends a metrics report with every beat from now on.
     *
     * @param report the worker's counters, as {@code MetricsSnapshot.encode} writes them
     */
    public void reportMetrics(Supplier<String> report) {
        this.metrics = report;
    }

    private void beat() {
        long interval = HEARTBEAT_INTERVAL.toNanos();
        while (!gone.get() && channel.isOpen()) {
            long next = System.nanoTime() + interval;
            Supplier<CompletableFuture<Void>> check = probe;
            try {
                if (check != null) {
                    // A loop stuck longer than the supervisor's timeout makes the beats stop: the supervisor acts.
                    check.get().get();
                }
                send("alive");
                Supplier<String> report = metrics;
                if (report != null) {
                    send(METRICS_PREFIX + report.get());
                }
            } catch (IOException e) {
                supervisorGone(e);
                return;
            } catch (ExecutionException | IllegalStateException e) {
                return; // the server is shutting down; the supervisor sees the process exit
            } catch (InterruptedException e) {
                return;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait); // a timer, not a wait for a state
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void supervisorGone(IOException cause) {
        if (gone.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "Supervisor process gone (" + cause.getMessage()
                    + "); shutting down");
            onSupervisorGone.run();
        }
    }

    private void send(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.US_ASCII));
        sending.lock(); // the main thread's "started" and the heartbeat's "alive" must not interleave
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } finally {
            sending.unlock();
        }
    }

    /** Stops the beats; the supervisor sees the connection close. */
    @Override
    public void close() {
        gone.set(true);
        heartbeat.interrupt();
        try {
            channel.close();
        } catch (IOException e) {
            // closed either way
        }
    }
}
