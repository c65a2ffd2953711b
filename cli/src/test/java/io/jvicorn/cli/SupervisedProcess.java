package io.jvicorn.cli;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A supervisor (--workers or --reload) started as a real process: its output (workers write to the same stdout) is
 * collected on a thread, and tests wait for lines, signal it and ask its workers for their pids.
 */
final class SupervisedProcess implements AutoCloseable {
    static final Pattern RUNNING = Pattern.compile("jvicorn running on http://127\\.0\\.0\\.1:(\\d+) ");
    static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private SupervisedProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output ended: " + e + ")");
            }
        });
    }

    static SupervisedProcess start(Map<String, String> environment, String... args) throws IOException {
        return new SupervisedProcess(JvicornProcess.start(environment, args));
    }

    static SupervisedProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** From the shaded jar with {@code java -jar}, as users run it; for integration tests (*IT) only. */
    static SupervisedProcess startJar(String... args) throws IOException {
        return new SupervisedProcess(JvicornProcess.startJar(List.of(), args));
    }

    Process process() {
        return process;
    }

    /** Waits for a line matching {@code pattern}, fails with everything printed so far. */
    Matcher awaitLine(Pattern pattern) {
        return awaitLine(pattern, 1);
    }

    /** Waits until {@code count} lines match; returns the last of them. */
    Matcher awaitLine(Pattern pattern, int count) {
        Matcher[] found = new Matcher[1];
        try {
            await().atMost(STARTUP).until(() -> {
                    int seen = 0;
                    for (String line : lines) {
                        Matcher m = pattern.matcher(line);
                        if (m.find() && ++seen == count) {
                            found[0] = m;
                            return true;
                        }
                    }
                    return false;
                });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(count + " line(s) matching " + pattern + " expected in:\n" + output(), e);
        }
        return found[0];
    }

    long count(Pattern pattern) {
        return lines.stream().filter(line -> pattern.matcher(line).find()).count();
    }

    String output() {
        return String.join("\n", lines);
    }

    int port() {
        return Integer.parseInt(awaitLine(RUNNING).group(1));
    }

    /** The supervisor's live child processes: its workers. */
    List<Long> workerPids() {
        return process.toHandle().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).sorted().toList();
    }

    static void signal(long pid, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + pid + " failed");
        }
    }

    void signal(String name) throws IOException, InterruptedException {
        signal(process.pid(), name);
    }

    /** One request on a new connection; the body, which for PidApp is the serving worker's pid. */
    static String get(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!response.startsWith("HTTP/1.1 200 ")) {
                throw new IOException("unexpected response: " + response);
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    /**
     * {@link #get} once the port answers: a worker logs "Application startup complete." before it binds, and a
     * reloaded one binds after its predecessor has gone.
     */
    static String awaitGet(int port) {
        String[] body = new String[1];
        await().atMost(STARTUP).ignoreExceptions().until(() -> {
            body[0] = get(port);
            return true;
        });
        return body[0];
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("did not exit; output:\n" + output());
        }
        return process.exitValue();
    }

    /** Kills the supervisor and its workers, whatever state the test left them in. */
    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
