package io.jvicorn.benchmarks.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code --name value} options of the load clients, and what follows {@code --}.
 *
 * @param values  the named options
 * @param command the words after {@code --}, empty if there is none
 */
record Options(Map<String, String> values, List<String> command) {

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                return new Options(values, List.of(args).subList(i + 1, args.length));
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return new Options(values, List.of());
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    @Nullable String value(String name) {
        return values.get(name);
    }

    long longValue(String name, long fallback) {
        String v = values.get(name);
        return v == null ? fallback : Long.parseLong(v);
    }
}
