package io.jvicorn.http2.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link StreamMap} against {@link TreeMap}: the same answers for the same operations. */
class StreamMapTest {
    @Test
    void putGetRemoveAndValuesInIdentifierOrder() {
        StreamMap<String> map = new StreamMap<>();
        assertTrue(map.isEmpty());
        map.put(5, "five");
        map.put(1, "one");
        map.put(3, "three");
        map.put(3, "THREE");
        assertEquals(3, map.size());
        assertEquals("THREE", map.get(3));
        assertNull(map.get(7));
        assertEquals(List.of("one", "THREE", "five"), map.values());
        assertEquals("one", map.remove(1));
        assertNull(map.remove(1));
        assertEquals(List.of("THREE", "five"), map.values());
        assertThrows(IllegalArgumentException.class, () -> map.put(0, "zero"));
    }

    /** A connection's life: consecutive odd identifiers, a window of them open, closed in any order; then random. */
    @Test
    void agreesWithATreeMapUnderGrowthChurnAndCollisions() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            StreamMap<Integer> map = new StreamMap<>();
            TreeMap<Integer, Integer> expected = new TreeMap<>();
            int next = 1;
            for (int step = 0; step < 20_000; step++) {
                int op = random.nextInt(10);
                int id = seed % 2 == 0 ? 1 + random.nextInt(200) // dense: many collisions and shifts
                        : expected.isEmpty() ? next : expected.firstKey() + 2 * random.nextInt(expected.size());
                if (op < 4) {
                    map.put(next, step);
                    expected.put(next, step);
                    next += 2;
                } else if (op < 5 && seed % 2 == 0) {
                    map.put(id, step);
                    expected.put(id, step);
                } else if (op < 8) {
                    assertEquals(expected.remove(id), map.remove(id), "remove " + id + " at step " + step);
                } else {
                    assertEquals(expected.get(id), map.get(id), "get " + id + " at step " + step);
                }
                assertEquals(expected.size(), map.size());
            }
            assertEquals(List.copyOf(expected.values()), map.values(), "seed " + seed);
            for (int id : List.copyOf(expected.keySet())) {
                assertEquals(expected.remove(id), map.remove(id));
            }
            assertTrue(map.isEmpty());
        }
    }
}
