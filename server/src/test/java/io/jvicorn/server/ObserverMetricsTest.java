package io.jvicorn.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.observe.ServerObserver;
import io.jvicorn.server.metrics.MetricsEndpoint;
import io.jvicorn.server.metrics.MetricsSnapshot;
import io.jvicorn.server.metrics.PrometheusMetrics;
import io.jvicorn.server.metrics.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What a running server tells its observer, counted by {@link PrometheusMetrics} and served by the endpoint. */
class ObserverMetricsTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    private static double value(MetricsSnapshot snapshot, String sample) {
        return snapshot.samples().getOrDefault(sample, 0.0);
    }

    @Test
    void countsRequestsBytesParseErrorsAndWebSockets() throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics();
        try (TestServer s = TestServer.start(ObservedApps.echo(), b -> b.observer(metrics))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, CLIENT.send(HttpRequest.newBuilder(URI.create(s.url("/"))).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            HttpResponse<String> posted = CLIENT.send(HttpRequest.newBuilder(URI.create(s.url("/status/404")))
                    .POST(HttpRequest.BodyPublishers.ofString("12345")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, posted.statusCode());
            try (RawClient raw = s.raw()) {
                assertEquals(400, raw.send("GET / HTTP/1.1\r\nHost : x\r\n\r\n").response().status());
            }
            try (RawClient raw = s.raw()) {
                assertEquals(200, raw.send("BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").response().status());
            }
            ObservedApps.webSocketRoundTrip(CLIENT, s.port(), "hi");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                MetricsSnapshot m = metrics.snapshot();
                assertEquals(0, value(m, "jvicorn_websocket_sessions_open"), m::toString);
                assertEquals(0, value(m, "jvicorn_http_requests_in_flight"), m::toString);
            });
            MetricsSnapshot m = metrics.snapshot();
            assertEquals(3, value(m, "jvicorn_http_requests_total{method=\"GET\",status=\"2xx\"}"), m::toString);
            assertEquals(1, value(m, "jvicorn_http_requests_total{method=\"POST\",status=\"4xx\"}"), m::toString);
            assertEquals(1, value(m, "jvicorn_http_requests_total{method=\"other\",status=\"2xx\"}"), m::toString);
            assertEquals(5, value(m, "jvicorn_http_request_duration_seconds_count"), m::toString);
            assertEquals(5, value(m, "jvicorn_http_request_duration_seconds_bucket{le=\"+Inf\"}"), m::toString);
            assertTrue(value(m, "jvicorn_http_request_duration_seconds_sum") > 0, m::toString);
            assertEquals(5, value(m, "jvicorn_http_request_body_bytes_total"), m::toString);
            assertEquals(5, value(m, "jvicorn_http_response_body_bytes_total"), m::toString);
            assertEquals(1, value(m, "jvicorn_http_parse_errors_total{violation=\"WHITESPACE_BEFORE_COLON\"}"),
                    m::toString);
            assertEquals(1, value(m, "jvicorn_websocket_sessions_total"), m::toString);
            assertEquals(1, value(m, "jvicorn_websocket_messages_received_total"), m::toString);
            assertEquals(1, value(m, "jvicorn_websocket_messages_sent_total"), m::toString);
            assertTrue(value(m, "jvicorn_connections_accepted_total") >= 3, m::toString); // two raw, the WebSocket's
            // The raw clients and the WebSocket closed theirs; the HttpClient may keep its own open.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                MetricsSnapshot now = metrics.snapshot();
                double open = value(now, "jvicorn_connections_open");
                assertTrue(open >= 0 && open <= value(now, "jvicorn_connections_accepted_total") - 3, now::toString);
            });
        }
    }

    @Test
    void aRequestOverTheConcurrencyLimitIsCountedAsRejected() throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics();
        try (TestServer s = TestServer.start(ObservedApps.echo(), b -> b.observer(metrics).limitConcurrency(2));
             RawClient idle = s.raw()) {
            // Kept open: with the next one the server holds two connections, its limit.
            assertEquals(200, idle.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").response().status());
            try (RawClient refused = s.raw()) {
                assertEquals(503, refused.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").response().status());
            }
            MetricsSnapshot m = metrics.snapshot();
            assertEquals(1, value(m, "jvicorn_connections_rejected_total"), m::toString);
            assertEquals(1, value(m, "jvicorn_http_requests_total{method=\"GET\",status=\"2xx\"}"), m::toString);
        }
    }

    @Test
    void requestStartAndFinishComeInPairsOnTheApplicationsThread() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        ServerObserver observer = new ServerObserver() {
            @Override
            public void requestStarted(String method) {
                seen.add("start " + method + " " + Thread.currentThread().threadId());
            }

            @Override
            public void requestFinished(String method, int status, long bytesIn, long bytesOut, long durationNanos) {
                seen.add("end " + method + " " + Thread.currentThread().threadId() + " " + status + " " + bytesIn
                        + " " + bytesOut + " " + (durationNanos > 0));
            }
        };
        try (TestServer s = TestServer.start(ObservedApps.echo(), b -> b.observer(observer))) {
            CLIENT.send(HttpRequest.newBuilder(URI.create(s.url("/status/201")))
                    .PUT(HttpRequest.BodyPublishers.ofString("abc")).build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
            String thread = seen.get(0).split(" ")[2];
            assertEquals(List.of("start PUT " + thread, "end PUT " + thread + " 201 3 3 true"), seen);
        }
    }

    @Test
    void theEndpointServesTheTextFormatAtMetricsOnly() throws Exception {
        PrometheusMetrics metrics = new PrometheusMetrics();
        metrics.requestStarted("GET");
        metrics.requestFinished("GET", 204, 0, 0, 3_000_000);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, metrics::snapshot)) {
            HttpResponse<String> scraped = CLIENT.send(HttpRequest.newBuilder(URI.create(endpoint.url())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scraped.statusCode());
            assertEquals(PrometheusText.CONTENT_TYPE, scraped.headers().firstValue("content-type").orElseThrow());
            assertEquals(PrometheusText.render(metrics.snapshot()), scraped.body());
            assertTrue(scraped.body().contains("# TYPE jvicorn_http_request_duration_seconds histogram\n"),
                    scraped.body());
            assertTrue(scraped.body().contains("jvicorn_http_request_duration_seconds_bucket{le=\"0.005\"} 1\n"),
                    scraped.body());
            assertTrue(scraped.body().contains("jvicorn_http_requests_total{method=\"GET\",status=\"2xx\"} 1\n"),
                    scraped.body());
            int port = endpoint.port();
            assertEquals(404, CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> posted = CLIENT.send(HttpRequest.newBuilder(URI.create(endpoint.url()))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, posted.statusCode());
            assertEquals(List.of("GET, HEAD"), posted.headers().allValues("allow"));
        }
    }
}
