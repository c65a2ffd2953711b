package io.jvicorn.benchmarks.load;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The start-up workload: launches a server command and measures the time from just before the process starts to the
 * first {@code 200} response, polling every millisecond; then stops the process (and its children).
 *
 * <p>Usage: {@code FirstResponseTimer --port P [--path /plaintext] [--timeout-ms 30000] [--log FILE] -- command...}.
 * Prints one JSON object; exits 1 if no 200 came in time.
 */
public final class FirstResponseTimer {
    private FirstResponseTimer() {
    }

    /**
     * Runs the measurement.
     *
     * @param args see the class description
     * @throws Exception if the command cannot be started
     */
    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o.command().isEmpty()) {
            throw new IllegalArgumentException("give the server command after --");
        }
        InetSocketAddress address = new InetSocketAddress(o.value("host", "127.0.0.1"), (int) o.longValue("port", 8080));
        String path = o.value("path", "/plaintext");
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(o.longValue("timeout-ms", 30_000));
        String log = o.value("log");
        ProcessBuilder builder = new ProcessBuilder(o.command()).redirectErrorStream(true);
        builder.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.appendTo(new File(log)));

        long start = System.nanoTime();
        Process server = builder.start();
        long elapsed = -1;
        boolean alive;
        try {
            while (System.nanoTime() - start < timeoutNanos && server.isAlive()) {
                if (answers(address, path)) {
                    elapsed = System.nanoTime() - start;
                    break;
                }
                Thread.sleep(1);
            }
        } finally {
            alive = server.isAlive();
            stop(server);
        }
        if (elapsed < 0) {
            System.out.println("{\"first_response_ms\": null, \"alive\": " + alive + "}");
            System.exit(1);
        }
        System.out.println(String.format(Locale.ROOT, "{\"first_response_ms\": %.1f}", elapsed / 1e6));
    }

    private static boolean answers(InetSocketAddress address, String path) {
        try (SocketChannel c = MiniHttp.connect(address)) {
            return MiniHttp.get(c, path) == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void stop(Process server) throws InterruptedException {
        var children = server.descendants().toList();
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }
}
