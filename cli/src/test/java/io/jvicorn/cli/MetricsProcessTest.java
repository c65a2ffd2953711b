package io.jvicorn.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --metrics-port} through the real command, scraped by a real Prometheus text parser; and a JFR recording of a
 * real run read by the JDK's {@code jfr} tool.
 */
@Timeout(120)
class MetricsProcessTest {
    private static final String APP = "io.jvicorn.cli.testapps:PidApp";
    private static final Pattern METRICS = Pattern.compile("Prometheus metrics on (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final Pattern STARTUP_COMPLETE = Pattern.compile("Application startup complete\\.");
    private static final String GET_2XX = "jvicorn_http_requests_total|method=GET|status=2xx";

    @Test
    void oneProcessServesItsMetrics() throws Exception {
        PrometheusParser.assumeAvailable();
        try (SupervisedProcess p = SupervisedProcess.start(APP, "--port", "0", "--metrics-port", "0")) {
            String url = p.awaitLine(METRICS).group(1);
            int port = p.port();
            for (int i = 0; i < 3; i++) {
                SupervisedProcess.get(port);
            }
            Map<String, String> m = PrometheusParser.scrape(url);
            assertEquals("text/plain; version=0.0.4; charset=utf-8", m.get("content-type"));
            assertEquals(3, PrometheusParser.value(m, GET_2XX), m::toString);
            assertEquals("counter", m.get("type:jvicorn_http_requests"), m::toString);
            assertEquals("histogram", m.get("type:jvicorn_http_request_duration_seconds"), m::toString);
            assertEquals("gauge", m.get("type:jvicorn_connections_open"), m::toString);
            assertEquals(3, PrometheusParser.value(m, "jvicorn_http_request_duration_seconds_count"), m::toString);
            assertEquals(3, PrometheusParser.value(m, "jvicorn_http_request_duration_seconds_bucket|le=+Inf"),
                    m::toString);
            assertEquals(3, PrometheusParser.value(m, "jvicorn_connections_accepted_total"), m::toString);
            assertTrue(PrometheusParser.value(m, "jvicorn_http_response_body_bytes_total") > 0, m::toString);
            assertEquals(null, m.get("type:jvicorn_worker_restarts"), "a single process has no workers");
        }
    }

    @Test
    void theSupervisorAddsUpItsWorkersAndKeepsADeadOnesCounts() throws Exception {
        PrometheusParser.assumeAvailable();
        try (SupervisedProcess p = SupervisedProcess.start(APP, "--port", "0", "--workers", "2", "--metrics-port",
                "0")) {
            String url = p.awaitLine(METRICS).group(1);
            int port = p.port();
            p.awaitLine(STARTUP_COMPLETE, 2);
            Set<String> served = new HashSet<>();
            served.add(SupervisedProcess.awaitGet(port));
            int requests = 1;
            // New connections spread over both workers (by the client port's hash): keep going until both served.
            while (served.size() < 2 || requests < 10) {
                served.add(SupervisedProcess.get(port));
                requests++;
                assertTrue(requests < 500, "one worker served everything: " + served);
            }
            int sent = requests;
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                Map<String, String> m = PrometheusParser.scrape(url);
                assertEquals(sent, PrometheusParser.value(m, GET_2XX), m::toString);
                assertEquals(2, PrometheusParser.value(m, "jvicorn_workers"), m::toString);
            });

            long victim = Long.parseLong(served.iterator().next());
            SupervisedProcess.signal(victim, "KILL");
            p.awaitLine(Pattern.compile("Child process \\[" + victim + "\\] died"));
            p.awaitLine(STARTUP_COMPLETE, 3);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                Map<String, String> m = PrometheusParser.scrape(url);
                assertEquals(1, PrometheusParser.value(m, "jvicorn_worker_restarts_total|reason=crashed"),
                        m::toString);
                assertEquals(2, PrometheusParser.value(m, "jvicorn_workers"), m::toString);
                // The dead worker's requests still count: the total did not go back.
                assertEquals(sent, PrometheusParser.value(m, GET_2XX), m::toString);
            });
            SupervisedProcess.awaitGet(port);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertEquals(sent + 1, PrometheusParser.value(PrometheusParser.scrape(url), GET_2XX)));
        }
    }

    @Test
    void aRecordingOfARealRunShowsRequestsInJfrPrint(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("run.jfr");
        Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
        try (SupervisedProcess p = SupervisedProcess.start(Map.of("JDK_JAVA_OPTIONS",
                "-XX:StartFlightRecording:filename=" + recording), APP, "--port", "0")) {
            int port = p.port();
            SupervisedProcess.awaitGet(port);
            SupervisedProcess.get(port);
            p.signal("TERM");
            assertEquals(0, p.awaitExit(), p.output());
        }
        Process print = new ProcessBuilder(jfr.toString(), "print", "--events", "jvicorn.Request,jvicorn.Connection",
                recording.toString()).redirectErrorStream(true).start();
        String out = new String(print.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(print.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, print.exitValue(), out);
        List<String> requests = List.of(out.split("jvicorn\\.Request \\{")).subList(1, out.split(
                "jvicorn\\.Request \\{").length);
        assertTrue(requests.size() >= 2, out);
        for (String request : requests) {
            assertTrue(request.contains("method = \"GET\""), request);
            assertTrue(request.contains("path = \"/\""), request);
            assertTrue(request.contains("status = 200"), request);
            assertTrue(request.contains("duration = "), request);
        }
        assertTrue(out.contains("jvicorn.Connection {"), out);
        assertTrue(out.contains("remoteAddress = \"/127.0.0.1:"), out);
    }
}
