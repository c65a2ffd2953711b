package io.jvicorn.cli.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process's resident memory as Linux reports it ({@code VmRSS} in {@code /proc/<pid>/status}), for
 * {@code --workers-max-rss}: what the kernel charges the process, the JVM's heap, code cache, thread stacks and native
 * buffers together, which is what a container's memory limit counts.
 */
final class ResidentMemory {
    private ResidentMemory() {
    }

    /**
     * @param pid a process id
     * @return its resident set size in bytes, or -1 when unknown (the process is gone, or this is not Linux)
     */
    static long bytes(long pid) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return parse(lines);
    }

    /**
     * @param status the lines of a {@code /proc/<pid>/status} file
     * @return {@code VmRSS} in bytes, or -1 when the line is absent (a zombie) or not {@code <n> kB}
     */
    static long parse(List<String> status) {
        for (String line : status) {
            if (!line.startsWith("VmRSS:")) {
                continue;
            }
            String value = line.substring("VmRSS:".length()).strip();
            if (!value.endsWith(" kB")) {
                return -1;
            }
            try {
                return Long.parseLong(value.substring(0, value.length() - 3).strip()) * 1024;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
