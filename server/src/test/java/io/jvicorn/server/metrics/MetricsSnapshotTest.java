package io.jvicorn.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Snapshots: their line for the supervisor, their sums, and the text they render. */
class MetricsSnapshotTest {
    private static MetricsSnapshot worker(long gets, long open, double seconds) {
        return new MetricsSnapshot.Builder()
                .add("jvicorn_http_requests_total{method=\"GET\",status=\"2xx\"}", gets)
                .add("jvicorn_http_request_duration_seconds_sum", seconds)
                .add("jvicorn_connections_open", open)
                .build();
    }

    @Test
    void aLineDecodesToTheSameSamplesInTheSameOrder() {
        MetricsSnapshot snapshot = worker(12, 3, 0.25);
        assertEquals("jvicorn_http_requests_total{method=\"GET\",status=\"2xx\"} 12 "
                + "jvicorn_http_request_duration_seconds_sum 0.25 jvicorn_connections_open 3", snapshot.encode());
        MetricsSnapshot decoded = MetricsSnapshot.decode(snapshot.encode());
        assertEquals(List.copyOf(snapshot.samples().entrySet()), List.copyOf(decoded.samples().entrySet()));
        assertEquals(Map.of(), MetricsSnapshot.decode("").samples());
    }

    @Test
    void aBadLineIsRefusedWithItsReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsSnapshot.decode("jvicorn_workers"))
                .getMessage().contains("pairs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsSnapshot.decode("jvicorn_workers x"))
                .getMessage().contains("no number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MetricsSnapshot.decode("other_metric 1"))
                .getMessage().contains("unknown metric sample 'other_metric'"));
    }

    @Test
    void workersAddUpAndAnEndedOneLeavesOnlyItsCounters() {
        MetricsSnapshot sum = worker(10, 2, 0.5).plus(worker(5, 1, 0.25));
        assertEquals(15, sum.samples().get("jvicorn_http_requests_total{method=\"GET\",status=\"2xx\"}"));
        assertEquals(0.75, sum.samples().get("jvicorn_http_request_duration_seconds_sum"));
        assertEquals(3, sum.samples().get("jvicorn_connections_open"));
        MetricsSnapshot ended = worker(7, 4, 1.5).countersOnly();
        assertEquals(Map.of("jvicorn_http_requests_total{method=\"GET\",status=\"2xx\"}", 7.0,
                "jvicorn_http_request_duration_seconds_sum", 1.5), ended.samples());
    }

    @Test
    void theTextHasHelpAndTypeOncePerFamilyBeforeItsSamples() {
        PrometheusMetrics metrics = new PrometheusMetrics();
        metrics.connectionOpened();
        metrics.requestStarted("PATCH");
        metrics.requestFinished("PATCH", 500, 10, 20, 2_000_000_000L);
        metrics.parseError("INVALID_METHOD");
        String text = PrometheusText.render(metrics.snapshot());
        assertTrue(text.startsWith("""
                # HELP jvicorn_http_requests_total HTTP requests the application ran, by method (other: an \
                unregistered one) and status class (none: no response was sent)
                # TYPE jvicorn_http_requests_total counter
                jvicorn_http_requests_total{method="PATCH",status="5xx"} 1
                # HELP jvicorn_http_request_duration_seconds Time from calling the application until its response \
                was complete
                # TYPE jvicorn_http_request_duration_seconds histogram
                jvicorn_http_request_duration_seconds_bucket{le="0.005"} 0
                """), text);
        assertTrue(text.contains("""
                jvicorn_http_request_duration_seconds_bucket{le="1"} 0
                jvicorn_http_request_duration_seconds_bucket{le="2.5"} 1
                """), text);
        assertTrue(text.contains("""
                jvicorn_http_request_duration_seconds_bucket{le="+Inf"} 1
                jvicorn_http_request_duration_seconds_sum 2
                jvicorn_http_request_duration_seconds_count 1
                """), text);
        assertTrue(text.contains("jvicorn_http_parse_errors_total{violation=\"INVALID_METHOD\"} 1\n"), text);
        assertTrue(text.contains("jvicorn_connections_open 1\n"), text);
        assertEquals(1, text.split("# TYPE jvicorn_http_request_duration_seconds ", -1).length - 1, text);
        assertTrue(!text.contains("jvicorn_worker_restarts_total"), text); // a supervisor's metric
    }
}
