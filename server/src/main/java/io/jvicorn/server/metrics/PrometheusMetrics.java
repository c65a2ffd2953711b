package io.jvicorn.server.metrics;

import io.jvicorn.http11.codec.Violation;
import io.jvicorn.observe.ServerObserver;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a server reports, for Prometheus: give it to {@code ServerConfig.Builder.observer} and serve
 * {@link #snapshot()} with {@link MetricsEndpoint} (or send it to a supervisor, as {@code --workers} does). Every
 * counter is a {@link LongAdder} chosen by array index, so recording takes no lock and allocates nothing; the labels
 * are bounded: the nine registered methods and {@code other}, six status classes, the codec's violations.
 */
public final class PrometheusMetrics implements ServerObserver {
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT",
            "TRACE", "other"};
    private static final String[] STATUS_CLASSES = {"none", "1xx", "2xx", "3xx", "4xx", "5xx"};
    /** Upper bounds of the duration buckets: Prometheus's client defaults, 5 ms to 10 s. */
    private static final String[] BUCKET_LABELS = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1",
            "2.5", "5", "10"};
    private static final long[] BUCKET_NANOS = new long[BUCKET_LABELS.length];
    private static final Violation[] VIOLATIONS = Violation.values();

    static {
        for (int i = 0; i < BUCKET_LABELS.length; i++) {
            BUCKET_NANOS[i] = Math.round(Double.parseDouble(BUCKET_LABELS[i]) * 1e9);
        }
    }

    private final LongAdder[] requests = adders(METHODS.length * STATUS_CLASSES.length);
    /** Per bucket, not cumulative; the last counts durations above every bound. */
    private final LongAdder[] durations = adders(BUCKET_LABELS.length + 1);
    private final LongAdder durationNanos = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    private final LongAdder bodyBytesIn = new LongAdder();
    private final LongAdder bodyBytesOut = new LongAdder();
    private final LongAdder[] parseErrors = adders(VIOLATIONS.length);
    private final LongAdder parseErrorsOther = new LongAdder();
    private final LongAdder connectionsOpen = new LongAdder();
    private final LongAdder connectionsAccepted = new LongAdder();
    private final LongAdder connectionsRejected = new LongAdder();
    private final LongAdder sessionsOpen = new LongAdder();
    private final LongAdder sessions = new LongAdder();
    private final LongAdder messagesIn = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();

    private static LongAdder[] adders(int n) {
        LongAdder[] all = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            all[i] = new LongAdder();
        }
        return all;
    }

    /** Index into {@link #METHODS}; a string switch compares hash and contents, allocating nothing. */
    private static int methodIndex(String method) {
        return switch (method) {
            case "GET" -> 0;
            case "HEAD" -> 1;
            case "POST" -> 2;
            case "PUT" -> 3;
            case "DELETE" -> 4;
            case "OPTIONS" -> 5;
            case "PATCH" -> 6;
            case "CONNECT" -> 7;
            case "TRACE" -> 8;
            default -> 9;
        };
    }

    private static int statusClass(int status) {
        return status >= 100 && status <= 599 ? status / 100 : 0;
    }

    @Override
    public void connectionOpened() {
        connectionsAccepted.increment();
        connectionsOpen.increment();
    }

    @Override
    public void connectionClosed() {
        connectionsOpen.decrement();
    }

    @Override
    public void connectionRejected() {
        connectionsRejected.increment();
    }

    @Override
    public void requestStarted(String method) {
        inFlight.increment();
    }

    @Override
    public void requestFinished(String method, int status, long bytesIn, long bytesOut, long durationNanos) {
        inFlight.decrement();
        requests[methodIndex(method) * STATUS_CLASSES.length + statusClass(status)].increment();
        int bucket = 0;
        while (bucket < BUCKET_NANOS.length && durationNanos > BUCKET_NANOS[bucket]) {
            bucket++;
        }
        durations[bucket].increment();
        this.durationNanos.add(durationNanos);
        bodyBytesIn.add(bytesIn);
        bodyBytesOut.add(bytesOut);
    }

    @Override
    public void parseError(String violation) {
        for (int i = 0; i < VIOLATIONS.length; i++) {
            if (VIOLATIONS[i].name().equals(violation)) {
                parseErrors[i].increment();
                return;
            }
        }
        parseErrorsOther.increment();
    }

    @Override
    public void webSocketOpened() {
        sessions.increment();
        sessionsOpen.increment();
    }

    @Override
    public void webSocketClosed(long durationNanos) {
        sessionsOpen.decrement();
    }

    @Override
    public void webSocketMessageReceived(boolean text) {
        messagesIn.increment();
    }

    @Override
    public void webSocketMessageSent(boolean text) {
        messagesOut.increment();
    }

    /**
     * Reads every counter. Not atomic across counters (a request finishing meanwhile may be in one and not yet in
     * another), as with any Prometheus client; each counter on its own never goes back.
     *
     * @return the values now
     */
    public MetricsSnapshot snapshot() {
        MetricsSnapshot.Builder out = new MetricsSnapshot.Builder();
        String requestsName = MetricFamily.HTTP_REQUESTS.metricName();
        for (int m = 0; m < METHODS.length; m++) {
            for (int c = 0; c < STATUS_CLASSES.length; c++) {
                long n = requests[m * STATUS_CLASSES.length + c].sum();
                if (n != 0) {
                    out.add(requestsName + "{method=\"" + METHODS[m] + "\",status=\"" + STATUS_CLASSES[c] + "\"}", n);
                }
            }
        }
        String duration = MetricFamily.HTTP_REQUEST_DURATION.metricName();
        long cumulative = 0;
        for (int b = 0; b < durations.length; b++) {
            cumulative += durations[b].sum();
            String le = b < BUCKET_LABELS.length ? BUCKET_LABELS[b] : "+Inf";
            out.add(duration + "_bucket{le=\"" + le + "\"}", cumulative);
        }
        out.add(duration + "_sum", durationNanos.sum() / 1e9);
        out.add(duration + "_count", cumulative);
        out.add(MetricFamily.HTTP_REQUESTS_IN_FLIGHT.metricName(), inFlight.sum());
        out.add(MetricFamily.HTTP_REQUEST_BODY_BYTES.metricName(), bodyBytesIn.sum());
        out.add(MetricFamily.HTTP_RESPONSE_BODY_BYTES.metricName(), bodyBytesOut.sum());
        String errors = MetricFamily.HTTP_PARSE_ERRORS.metricName();
        for (int i = 0; i < VIOLATIONS.length; i++) {
            long n = parseErrors[i].sum();
            if (n != 0) {
                out.add(errors + "{violation=\"" + VIOLATIONS[i].name() + "\"}", n);
            }
        }
        if (parseErrorsOther.sum() != 0) {
            out.add(errors + "{violation=\"other\"}", parseErrorsOther.sum());
        }
        out.add(MetricFamily.CONNECTIONS_OPEN.metricName(), connectionsOpen.sum());
        out.add(MetricFamily.CONNECTIONS_ACCEPTED.metricName(), connectionsAccepted.sum());
        out.add(MetricFamily.CONNECTIONS_REJECTED.metricName(), connectionsRejected.sum());
        out.add(MetricFamily.WEBSOCKET_SESSIONS_OPEN.metricName(), sessionsOpen.sum());
        out.add(MetricFamily.WEBSOCKET_SESSIONS.metricName(), sessions.sum());
        out.add(MetricFamily.WEBSOCKET_MESSAGES_RECEIVED.metricName(), messagesIn.sum());
        out.add(MetricFamily.WEBSOCKET_MESSAGES_SENT.metricName(), messagesOut.sum());
        return out.build();
    }
}
