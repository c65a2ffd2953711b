package io.jvicorn.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory of a server process, from /proc and, for a JVM, from jcmd. */
final class ProcessStats {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private ProcessStats() {
    }

    /**
     * The resident set of a process and all its descendants (nginx answers from worker processes).
     *
     * @param pid the process
     * @return resident bytes
     * @throws IOException if /proc cannot be read
     */
    static long rssBytes(long pid) throws IOException {
        long total = 0;
        for (long p : withDescendants(pid)) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    total += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        return total;
    }

    private static List<Long> withDescendants(long pid) throws IOException {
        List<Long> all = new ArrayList<>();
        all.add(pid);
        for (int i = 0; i < all.size(); i++) {
            Path tasks = Path.of("/proc", Long.toString(all.get(i)), "task");
            try (var dirs = Files.list(tasks)) {
                for (Path task : dirs.toList()) {
                    Path children = task.resolve("children");
                    if (Files.exists(children)) {
                        for (String child : Files.readString(children).trim().split("\\s+")) {
                            if (!child.isEmpty()) {
                                all.add(Long.parseLong(child));
                            }
                        }
                    }
                }
            }
        }
        return all;
    }

    /**
     * Runs a full GC in a JVM and returns its heap use afterwards: the live heap.
     *
     * @param pid the JVM
     * @return live heap bytes
     * @throws IOException if jcmd fails or its output is not understood
     * @throws InterruptedException if interrupted while waiting for jcmd
     */
    static long liveHeapBytes(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IOException("no 'used NK' in jcmd GC.heap_info output: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}
