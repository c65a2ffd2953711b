package io.jvicorn.server.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of a set of metrics at one moment: samples (a metric name with its labels, as the text format writes
 * them) and their values, in the order they are written. Immutable. Snapshots of several worker processes add up
 * ({@link #plus}); a worker that ended leaves its counters ({@link #countersOnly}) so that totals never go back.
 *
 * <p>The line a worker sends its supervisor is {@link #encode()}: samples and values separated by spaces. Sample
 * names hold no space: jvicorn's label values are methods from a fixed list, status classes and violation names.
 */
public final class MetricsSnapshot {
    /** No samples. */
    public static final MetricsSnapshot EMPTY = new MetricsSnapshot(new LinkedHashMap<>());

    private final Map<String, Double> samples;

    private MetricsSnapshot(LinkedHashMap<String, Double> samples) {
        this.samples = Collections.unmodifiableMap(samples);
    }

    /** @return samples and their values, in the order they are written */
    public Map<String, Double> samples() {
        return samples;
    }

    /**
     * @param other another process's snapshot
     * @return the sum, sample by sample; samples only one of them has are kept
     */
    public MetricsSnapshot plus(MetricsSnapshot other) {
        LinkedHashMap<String, Double> sum = new LinkedHashMap<>(samples);
        other.samples.forEach((name, value) -> sum.merge(name, value, Double::sum));
        return new MetricsSnapshot(sum);
    }

    /** @return this without its gauges: what a process that ended still contributes */
    public MetricsSnapshot countersOnly() {
        LinkedHashMap<String, Double> kept = new LinkedHashMap<>();
        samples.forEach((name, value) -> {
            MetricFamily family = MetricFamily.ofSample(name);
            if (family != null && family.type() != MetricFamily.Type.GAUGE) {
                kept.put(name, value);
            }
        });
        return new MetricsSnapshot(kept);
    }

    /** @return the samples as one line of text, for {@link #decode} */
    public String encode() {
        StringBuilder out = new StringBuilder(samples.size() * 48);
        samples.forEach((name, value) -> {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(name).append(' ');
            PrometheusText.appendValue(out, value);
        });
        return out.toString();
    }

    /**
     * @param line what {@link #encode()} wrote
     * @return the snapshot
     * @throws IllegalArgumentException if the line is not such a text (odd field count, a value that is no number,
     *                                  a sample of no known metric)
     */
    public static MetricsSnapshot decode(String line) {
        LinkedHashMap<String, Double> samples = new LinkedHashMap<>();
        if (line.isEmpty()) {
            return new MetricsSnapshot(samples);
        }
        String[] fields = line.split(" ", -1);
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("metrics line has " + fields.length + " fields, not pairs");
        }
        for (int i = 0; i < fields.length; i += 2) {
            String name = fields[i];
            if (MetricFamily.ofSample(name) == null) {
                throw new IllegalArgumentException("unknown metric sample '" + name + "'");
            }
            try {
                samples.put(name, Double.parseDouble(fields[i + 1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sample '" + name + "' has no number: '" + fields[i + 1] + "'", e);
            }
        }
        return new MetricsSnapshot(samples);
    }

    /** Collects samples in writing order. */
    public static final class Builder {
        private final LinkedHashMap<String, Double> samples = new LinkedHashMap<>();

        /**
         * @param sample the sample's name with labels
         * @param value  its value
         * @return this
         */
        public Builder add(String sample, double value) {
            samples.merge(sample, value, Double::sum);
            return this;
        }

        /** @return the snapshot */
        public MetricsSnapshot build() {
            return new MetricsSnapshot(new LinkedHashMap<>(samples));
        }
    }

    @Override
    public String toString() {
        return encode();
    }
}
