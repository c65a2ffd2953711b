package io.jvicorn.cli.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void readsVmRssInKilobytes() {
        assertEquals(123_456L * 1024, ResidentMemory.parse(List.of("Name:\tjava", "VmPeak:\t 9999 kB",
                "VmRSS:\t  123456 kB", "VmData:\t 1 kB")));
    }

    @Test
    void unknownWithoutTheLineOrInAnotherUnit() {
        assertEquals(-1, ResidentMemory.parse(List.of("Name:\tzombie", "State:\tZ (zombie)")));
        assertEquals(-1, ResidentMemory.parse(List.of("VmRSS:\t12 MB")));
        assertEquals(-1, ResidentMemory.parse(List.of("VmRSS:\tlots kB")));
    }

    @Test
    void thisProcessHasSome() {
        long rss = ResidentMemory.bytes(ProcessHandle.current().pid());
        assertTrue(rss > 1024 * 1024, "a JVM holds more than a MiB: " + rss);
        assertEquals(-1, ResidentMemory.bytes(Long.MAX_VALUE), "no such process");
    }
}
