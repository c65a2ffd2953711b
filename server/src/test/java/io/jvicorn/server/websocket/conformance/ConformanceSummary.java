package io.jvicorn.server.websocket.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts results by grade and section, and renders the report written after the suite. */
final class ConformanceSummary {
    private final Map<String, CaseResult> results = new TreeMap<>(ConformanceCases::compareIds);
    private final Map<String, ConformanceCase> cases = new TreeMap<>(ConformanceCases::compareIds);
    private final Map<String, ConformanceCase> skipped = new TreeMap<>(ConformanceCases::compareIds);

    synchronized void add(ConformanceCase c, CaseResult r) {
        cases.put(c.id(), c);
        results.put(c.id(), r);
    }

    synchronized void skip(ConformanceCase c) {
        skipped.put(c.id(), c);
    }

    /** The one-line summary and a line per section. */
    synchronized String render() {
        Map<String, Map<Behavior, Integer>> bySection = new TreeMap<>(ConformanceCases::compareIds);
        Map<String, int[]> origin = new TreeMap<>(ConformanceCases::compareIds);
        Map<Behavior, Integer> total = new EnumMap<>(Behavior.class);
        for (Map.Entry<String, CaseResult> e : results.entrySet()) {
            ConformanceCase c = cases.get(e.getKey());
            Behavior b = e.getValue().behavior();
            total.merge(b, 1, Integer::sum);
            bySection.computeIfAbsent(c.section(), s -> new EnumMap<>(Behavior.class)).merge(b, 1, Integer::sum);
            origin.computeIfAbsent(c.section(), s -> new int[2])[c.autobahn() ? 0 : 1]++;
        }
        StringBuilder out = new StringBuilder();
        out.append("WebSocket conformance: ").append(results.size()).append(" cases");
        counts(out, total);
        out.append(", skipped ").append(skipped.size()).append('\n');
        for (Map.Entry<String, Map<Behavior, Integer>> e : bySection.entrySet()) {
            int[] o = origin.get(e.getKey());
            out.append("  section ").append(e.getKey()).append(": ").append(o[0] + o[1]).append(" cases (")
                    .append(o[0]).append(" Autobahn, ").append(o[1]).append(" added)");
            counts(out, e.getValue());
            out.append('\n');
        }
        return out.toString();
    }

    private static void counts(StringBuilder out, Map<Behavior, Integer> counts) {
        for (Behavior b : Behavior.values()) {
            out.append(", ").append(b.label()).append(' ').append(counts.getOrDefault(b, 0));
        }
    }

    /** The summary, then every case that is not OK, then every case. */
    synchronized void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder(render());
        out.append("\nNot OK:\n");
        results.forEach((id, r) -> {
            if (r.behavior() != Behavior.OK) {
                out.append(line(id, r)).append('\n');
            }
        });
        skipped.forEach((id, c) -> out.append(String.format("%-16s %-13s %9s  %s | run with -D%s=true%n", id,
                "SKIPPED", "", c.description(), ConformanceOptions.FULL)));
        out.append("\nAll cases:\n");
        results.forEach((id, r) -> out.append(line(id, r)).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    private String line(String id, CaseResult r) {
        return String.format("%-16s %-13s %6d ms  %s | %s", id, r.behavior().label(), r.millis(),
                cases.get(id).description(), r.detail());
    }
}
