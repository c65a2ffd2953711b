package io.jvicorn.server.websocket.conformance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every case of the suite, in id order. */
final class ConformanceCases {
    private static final List<ConformanceCase> ALL = build();

    private ConformanceCases() {
    }

    static List<ConformanceCase> all() {
        return ALL;
    }

    private static List<ConformanceCase> build() {
        List<ConformanceCase> all = new ArrayList<>();
        all.addAll(FramingCases.all());
        all.addAll(PingPongCases.all());
        all.addAll(ReservedBitCases.all());
        all.addAll(OpcodeCases.all());
        all.addAll(FragmentationCases.all());
        all.addAll(Utf8Cases.all());
        all.addAll(CloseCases.all());
        all.addAll(LimitCases.all());
        all.addAll(CompressionCases.all());
        all.sort(Comparator.comparing(ConformanceCase::id, ConformanceCases::compareIds));
        Set<String> ids = new HashSet<>();
        for (ConformanceCase c : all) {
            if (!ids.add(c.id())) {
                throw new IllegalStateException("duplicate case id " + c.id());
            }
        }
        return List.copyOf(all);
    }

    /** Orders ids part by part, numbers numerically ("2.10" after "2.9"), Autobahn's before this suite's. */
    static int compareIds(String a, String b) {
        String[] x = a.split("[./@]");
        String[] y = b.split("[./@]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = comparePart(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int comparePart(String a, String b) {
        boolean na = a.chars().allMatch(Character::isDigit);
        boolean nb = b.chars().allMatch(Character::isDigit);
        if (na && nb) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
