package io.jvicorn.cli.supervisor;

import io.jvicorn.server.ServerStartupException;
import io.jvicorn.server.metrics.MetricsEndpoint;

/**
 * A supervisor's {@code --metrics-port}: the endpoint, served by the supervisor itself, with the sums over its
 * workers ({@link WorkerMetrics}), which report with their heart beats.
 */
public final class SupervisorMetrics implements AutoCloseable {
    private final WorkerMetrics workers;
    private final MetricsEndpoint endpoint;

    private SupervisorMetrics(WorkerMetrics workers, MetricsEndpoint endpoint) {
        this.workers = workers;
        this.endpoint = endpoint;
    }

    /**
     * Binds the endpoint and serves the workers' sums.
     *
     * @param host the endpoint's address
     * @param port its port
     * @return the metrics, serving
     * @throws ServerStartupException if the address cannot be bound
     */
    public static SupervisorMetrics start(String host, int port) throws ServerStartupException {
        WorkerMetrics workers = new WorkerMetrics();
        return new SupervisorMetrics(workers, MetricsEndpoint.start(host, port, workers::snapshot));
    }

    WorkerMetrics workers() {
        return workers;
    }

    /** Stops serving. */
    @Override
    public void close() {
        endpoint.close();
    }
}
