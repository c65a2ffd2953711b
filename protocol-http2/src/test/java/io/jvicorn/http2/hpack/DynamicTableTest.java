package io.jvicorn.http2.hpack;

import static io.jvicorn.http2.hpack.Blocks.entries;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamicTableTest {

    @Test
    void evictsTheOldestAcrossTheRingsWrapAndGrowth() {
        DynamicTable table = new DynamicTable(33 * 20); // twenty one-char fields: 1 + 0 + 32 each
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String name = String.valueOf((char) ('a' + i % 26));
            table.add(name, "");
            expected.addFirst(name + ": ");
            if (expected.size() > 20) {
                expected.removeLast();
            }
            assertEquals(expected, entries(table), "after " + (i + 1));
            assertEquals(33L * expected.size(), table.size());
        }
    }

    @Test
    void anEntryLargerThanTheTableEmptiesIt() {
        DynamicTable table = new DynamicTable(100);
        table.add("a", "1");
        table.add("b", "x".repeat(68)); // 1 + 68 + 32 = 101
        assertEquals(List.of(), entries(table));
        assertEquals(0, table.size());
        table.add("c", "x".repeat(67)); // exactly 100
        assertEquals(100, table.size());
    }

    @Test
    void shrinkingEvictsUntilItFits() {
        DynamicTable table = new DynamicTable(4096);
        table.add("a", "1");
        table.add("b", "2");
        table.add("c", "3");
        table.maxSize(68);
        assertEquals(List.of("c: 3", "b: 2"), entries(table));
        table.maxSize(0);
        assertEquals(List.of(), entries(table));
    }

    @Test
    void findsWholeFieldsAndNames() {
        DynamicTable table = new DynamicTable(4096);
        table.add("a", "1");
        table.add("b", "2");
        table.add("a", "3");
        assertEquals(1, table.find("a", "3"));
        assertEquals(3, table.find("a", "1"));
        assertEquals(-1, table.find("a", "9"), "the newest entry with the name");
        assertEquals(0, table.find("z", "1"));
    }
}
