package io.jvicorn.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The idle-connection workload: opens N keep-alive connections, makes one request on each so the server has served
 * it, leaves them idle, and reports what the server holds for them: resident memory per connection and, for a JVM,
 * live heap per connection (each measured after a full GC, before and after).
 *
 * <p>Usage: {@code IdleConnectionsProbe --port P --pid PID [--count 5000] [--jvm true] [--path /plaintext]}. Prints
 * one JSON object.
 */
public final class IdleConnectionsProbe {
    private static final long SETTLE_MILLIS = 1000;

    private IdleConnectionsProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args see the class description
     * @throws Exception if the server cannot be reached or measured
     */
    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        long pid = o.longValue("pid", -1);
        int count = (int) o.longValue("count", 5000);
        boolean jvm = Boolean.parseBoolean(o.value("jvm", "false"));
        String path = o.value("path", "/plaintext");
        InetSocketAddress address = new InetSocketAddress(o.value("host", "127.0.0.1"), (int) o.longValue("port", 8080));

        long heapBefore = jvm ? ProcessStats.liveHeapBytes(pid) : -1;
        long rssBefore = ProcessStats.rssBytes(pid);
        List<SocketChannel> channels = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel c = MiniHttp.connect(address);
                channels.add(c);
                int status = MiniHttp.get(c, path);
                if (status != 200) {
                    throw new IOException("connection " + i + ": status " + status);
                }
            }
            Thread.sleep(SETTLE_MILLIS);
            long heapAfter = jvm ? ProcessStats.liveHeapBytes(pid) : -1;
            long rssAfter = ProcessStats.rssBytes(pid);
            int open = countOpen(channels);
            System.out.println(String.format(Locale.ROOT,
                    "{\"connections\": %d, \"still_open\": %d, \"rss_before\": %d, \"rss_after\": %d,"
                            + " \"rss_per_connection\": %.1f, \"heap_before\": %d, \"heap_after\": %d,"
                            + " \"heap_per_connection\": %s}",
                    count, open, rssBefore, rssAfter, (rssAfter - rssBefore) / (double) count, heapBefore, heapAfter,
                    jvm ? String.format(Locale.ROOT, "%.1f", (heapAfter - heapBefore) / (double) count) : "null"));
        } finally {
            for (SocketChannel c : channels) {
                c.close();
            }
        }
    }

    /** Connections the server has not closed: a non-blocking read finds no end of stream. */
    private static int countOpen(List<SocketChannel> channels) throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(256);
        int open = 0;
        for (SocketChannel c : channels) {
            c.configureBlocking(false);
            scratch.clear();
            try {
                if (c.read(scratch) >= 0) {
                    open++;
                }
            } catch (IOException reset) {
                // closed by the server
            }
        }
        return open;
    }
}
