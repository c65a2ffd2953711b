package io.jvicorn.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The registry on the request path: bounded labels, and no allocation per event. */
class PrometheusMetricsTest {
    private static void oneRequest(PrometheusMetrics metrics, String method, int status, long nanos) {
        metrics.requestStarted(method);
        metrics.requestFinished(method, status, 1, 2, nanos);
    }

    @Test
    void recordingARequestAllocatesNothing() {
        PrometheusMetrics metrics = new PrometheusMetrics();
        String method = new String("DELETE".toCharArray()); // not the literal: the switch compares contents
        for (int i = 0; i < 10_000; i++) {
            oneRequest(metrics, method, 204, i * 1000L); // warm up: the JIT, and LongAdder's cells if contended
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            oneRequest(metrics, method, 204, i * 1000L);
            metrics.connectionOpened();
            metrics.connectionClosed();
            metrics.webSocketMessageReceived(true);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for 10,000 requests");
        assertEquals(20_000, metrics.snapshot().samples()
                .get("jvicorn_http_requests_total{method=\"DELETE\",status=\"2xx\"}"));
    }

    @Test
    void labelsStayBoundedWhateverClientsSend() {
        PrometheusMetrics metrics = new PrometheusMetrics();
        for (int i = 0; i < 100; i++) {
            oneRequest(metrics, "X-METHOD-" + i, 600 + i, 1);
            metrics.parseError("NO_SUCH_VIOLATION_" + i);
        }
        MetricsSnapshot m = metrics.snapshot();
        assertEquals(100, m.samples().get("jvicorn_http_requests_total{method=\"other\",status=\"none\"}"));
        assertEquals(100, m.samples().get("jvicorn_http_parse_errors_total{violation=\"other\"}"));
        assertEquals(1, m.samples().keySet().stream().filter(k -> k.startsWith("jvicorn_http_requests_total")).count());
    }

    @Test
    void durationsFallInTheirBuckets() {
        PrometheusMetrics metrics = new PrometheusMetrics();
        oneRequest(metrics, "GET", 200, 5_000_000);      // exactly 5 ms: le="0.005"
        oneRequest(metrics, "GET", 200, 5_000_001);      // just above: le="0.01"
        oneRequest(metrics, "GET", 200, 11_000_000_000L); // beyond 10 s: +Inf only
        MetricsSnapshot m = metrics.snapshot();
        String bucket = "jvicorn_http_request_duration_seconds_bucket";
        assertEquals(1, m.samples().get(bucket + "{le=\"0.005\"}"));
        assertEquals(2, m.samples().get(bucket + "{le=\"0.01\"}"));
        assertEquals(2, m.samples().get(bucket + "{le=\"10\"}"));
        assertEquals(3, m.samples().get(bucket + "{le=\"+Inf\"}"));
        assertEquals(11.010000001, m.samples().get("jvicorn_http_request_duration_seconds_sum"), 1e-9);
    }
}
