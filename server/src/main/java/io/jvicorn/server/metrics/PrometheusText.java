package io.jvicorn.server.metrics;

import java.util.Map;

/** Writes a {@link MetricsSnapshot} in Prometheus's text exposition format, version 0.0.4. */
public final class PrometheusText {
    /** The format's media type, for the response's {@code content-type}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    /**
     * @param snapshot the values
     * @return the text: per family its HELP and TYPE lines, then its samples; a family without samples (a
     *         supervisor's worker metrics in a single process) is left out
     */
    public static String render(MetricsSnapshot snapshot) {
        StringBuilder out = new StringBuilder(4096);
        Map<String, Double> samples = snapshot.samples();
        for (MetricFamily family : MetricFamily.values()) {
            boolean headed = false;
            for (Map.Entry<String, Double> sample : samples.entrySet()) {
                if (MetricFamily.ofSample(sample.getKey()) != family) {
                    continue;
                }
                if (!headed) {
                    head(out, family);
                    headed = true;
                }
                out.append(sample.getKey()).append(' ');
                appendValue(out, sample.getValue());
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void head(StringBuilder out, MetricFamily family) {
        out.append("# HELP ").append(family.metricName()).append(' ').append(family.help()).append('\n');
        out.append("# TYPE ").append(family.metricName()).append(' ').append(family.type().text()).append('\n');
    }

    /** A whole number without a fraction (counts), anything else as Java writes a double (Go's parser reads both). */
    static void appendValue(StringBuilder out, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            out.append((long) value);
        } else if (Double.isNaN(value)) {
            out.append("NaN");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "+Inf" : "-Inf");
        } else {
            out.append(value);
        }
    }
}
