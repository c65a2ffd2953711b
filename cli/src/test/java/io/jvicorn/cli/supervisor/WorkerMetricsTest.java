package io.jvicorn.cli.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jvicorn.server.metrics.MetricsSnapshot;
import org.junit.jupiter.api.Test;

/** The supervisor's sums: live workers add up, an ended worker leaves its counters, never its gauges. */
class WorkerMetricsTest {
    private static final String REQUESTS = "jvicorn_http_requests_total{method=\"GET\",status=\"2xx\"}";
    private static final String OPEN = "jvicorn_connections_open";

    private static MetricsSnapshot report(long requests, long open) {
        return new MetricsSnapshot.Builder().add(REQUESTS, requests).add(OPEN, open).build();
    }

    private static double value(WorkerMetrics metrics, String sample) {
        return metrics.snapshot().samples().getOrDefault(sample, 0.0);
    }

    @Test
    void countersSurviveTheirWorkerAndGaugesDoNot() {
        WorkerMetrics metrics = new WorkerMetrics();
        metrics.started(1);
        metrics.started(2);
        metrics.reported(1, report(10, 3));
        metrics.reported(2, report(5, 1));
        metrics.reported(1, report(12, 2)); // a later report replaces the earlier one
        assertEquals(17, value(metrics, REQUESTS));
        assertEquals(3, value(metrics, OPEN));
        assertEquals(2, value(metrics, "jvicorn_workers"));

        metrics.ended(1);
        metrics.restarted(WorkerMetrics.RestartReason.CRASHED);
        metrics.started(3);
        metrics.reported(3, report(0, 0));
        assertEquals(17, value(metrics, REQUESTS), "the ended worker's requests still count");
        assertEquals(1, value(metrics, OPEN), "its open connections do not");
        assertEquals(2, value(metrics, "jvicorn_workers"));
        assertEquals(1, value(metrics, "jvicorn_worker_restarts_total{reason=\"crashed\"}"));
        assertEquals(0, value(metrics, "jvicorn_worker_restarts_total{reason=\"hup\"}"));

        metrics.reported(1, report(99, 9)); // read after its exit was handled: ignored
        assertEquals(17, value(metrics, REQUESTS));
        metrics.reported(3, report(4, 1));
        assertEquals(21, value(metrics, REQUESTS));
    }
}
