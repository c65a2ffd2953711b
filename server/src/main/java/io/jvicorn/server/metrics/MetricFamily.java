package io.jvicorn.server.metrics;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every metric jvicorn exposes, in the order it is written: the one list of names, types and help texts (README's
 * metrics section describes the same).
 */
public enum MetricFamily {
    /** Requests by method and status class. */
    HTTP_REQUESTS("jvicorn_http_requests_total", Type.COUNTER,
            "HTTP requests the application ran, by method (other: an unregistered one) and status class "
                    + "(none: no response was sent)"),
    /** Request durations. */
    HTTP_REQUEST_DURATION("jvicorn_http_request_duration_seconds", Type.HISTOGRAM,
            "Time from calling the application until its response was complete"),
    /** Requests running now. */
    HTTP_REQUESTS_IN_FLIGHT("jvicorn_http_requests_in_flight", Type.GAUGE,
            "HTTP requests whose application is running"),
    /** Request body bytes. */
    HTTP_REQUEST_BODY_BYTES("jvicorn_http_request_body_bytes_total", Type.COUNTER,
            "Request body bytes received"),
    /** Response body bytes. */
    HTTP_RESPONSE_BODY_BYTES("jvicorn_http_response_body_bytes_total", Type.COUNTER,
            "Response body bytes sent"),
    /** Parse errors by violation. */
    HTTP_PARSE_ERRORS("jvicorn_http_parse_errors_total", Type.COUNTER,
            "Requests rejected by the HTTP parser (or its deadlines), by the rule they broke"),
    /** Connections open now. */
    CONNECTIONS_OPEN("jvicorn_connections_open", Type.GAUGE, "Client connections open"),
    /** Connections accepted. */
    CONNECTIONS_ACCEPTED("jvicorn_connections_accepted_total", Type.COUNTER, "Client connections accepted"),
    /** Requests refused with 503 by the concurrency limit. */
    CONNECTIONS_REJECTED("jvicorn_connections_rejected_total", Type.COUNTER,
            "Connections answered 503 and closed because the server was at --limit-concurrency"),
    /** WebSocket sessions open now. */
    WEBSOCKET_SESSIONS_OPEN("jvicorn_websocket_sessions_open", Type.GAUGE, "WebSocket sessions open"),
    /** WebSocket sessions accepted. */
    WEBSOCKET_SESSIONS("jvicorn_websocket_sessions_total", Type.COUNTER, "WebSocket sessions accepted"),
    /** WebSocket messages received. */
    WEBSOCKET_MESSAGES_RECEIVED("jvicorn_websocket_messages_received_total", Type.COUNTER,
            "WebSocket messages received from clients"),
    /** WebSocket messages sent. */
    WEBSOCKET_MESSAGES_SENT("jvicorn_websocket_messages_sent_total", Type.COUNTER,
            "WebSocket messages the application sent"),
    /** Worker processes serving now (supervisor only). */
    WORKERS("jvicorn_workers", Type.GAUGE, "Worker processes alive (--workers)"),
    /** Worker restarts by reason (supervisor only). */
    WORKER_RESTARTS("jvicorn_worker_restarts_total", Type.COUNTER,
            "Worker processes replaced, by reason: crashed (exit code not 0), exited (code 0, e.g. "
                    + "--limit-max-requests), unresponsive (killed by the health check), hup (SIGHUP rolling restart), "
                    + "reload (--reload)");

    /** Prometheus metric types. */
    public enum Type {
        /** Only goes up; a restarted worker's last value is kept. */
        COUNTER,
        /** Goes up and down; only live processes count. */
        GAUGE,
        /** Buckets, sum and count, each summed like a counter. */
        HISTOGRAM;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Map<String, MetricFamily> BY_SAMPLE_NAME = new HashMap<>();

    static {
        for (MetricFamily family : values()) {
            if (family.type == Type.HISTOGRAM) {
                BY_SAMPLE_NAME.put(family.metricName + "_bucket", family);
                BY_SAMPLE_NAME.put(family.metricName + "_sum", family);
                BY_SAMPLE_NAME.put(family.metricName + "_count", family);
            } else {
                BY_SAMPLE_NAME.put(family.metricName, family);
            }
        }
    }

    private final String metricName;
    private final Type type;
    private final String help;

    MetricFamily(String metricName, Type type, String help) {
        this.metricName = metricName;
        this.type = type;
        this.help = help;
    }

    /** @return the metric's name as exposed */
    public String metricName() {
        return metricName;
    }

    /** @return its type */
    public Type type() {
        return type;
    }

    /** @return its help text */
    public String help() {
        return help;
    }

    /**
     * @param sample a sample's name with its labels, such as {@code jvicorn_http_requests_total{method="GET",...}}
     * @return the family it belongs to, or null if none (a sample from another version)
     */
    static @Nullable MetricFamily ofSample(String sample) {
        int brace = sample.indexOf('{');
        return BY_SAMPLE_NAME.get(brace < 0 ? sample : sample.substring(0, brace));
    }
}
