package io.jvicorn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts the CLI as a real JVM process, on the test class path or from its jar, and reads what it prints. */
final class JvicornProcess {
    private JvicornProcess() {
    }

    /** {@code java -cp <test class path> io.jvicorn.cli.Main args...}, stderr merged into stdout. */
    static Process start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /**
     * Runs the command after it with SIGINT ignored, as a shell starts a background job ({@code jvicorn ... &} in a
     * script): the disposition survives {@code exec}.
     */
    static final List<String> INTERRUPT_IGNORED = List.of("/bin/sh", "-c", "trap '' INT; exec \"$@\"", "sh");

    /** As {@link #start(String...)}, with extra environment variables. */
    static Process start(Map<String, String> environment, String... args) throws IOException {
        return start(List.of(), environment, args);
    }

    /** As {@link #start(Map, String...)}, run by {@code launcher} (such as {@link #INTERRUPT_IGNORED}). */
    static Process start(List<String> launcher, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.jvicorn.cli.Main");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * {@code launcher... java -jar jvicorn.jar args...}, stderr merged into stdout: the shaded jar as users run it
     * (multi-release, with its manifest's grants). It exists after packaging, so only integration tests (*IT) call
     * this.
     *
     * @param launcher what runs the JVM, such as a wrapper that passes it a socket; may be empty
     * @param args     the CLI's arguments
     * @return the process
     * @throws IOException if it cannot be started
     */
    static Process startJar(List<String> launcher, String... args) throws IOException {
        String jar = System.getProperty("jvicorn.jar");
        if (jar == null) {
            throw new IllegalStateException("system property jvicorn.jar is not set: run this test with failsafe "
                    + "(mvn verify), which sets it to the shaded jar");
        }
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    static BufferedReader output(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Reads lines into {@code lines} until one matches; fails with what was read if the output ends first.
     *
     * @return the match
     */
    static Matcher awaitLine(BufferedReader out, Pattern pattern, List<String> lines) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m;
            }
        }
        throw new AssertionError("no line matching " + pattern + " in " + lines);
    }

    /** Everything left until the process closes its output. */
    static String drain(BufferedReader reader) throws IOException {
        StringBuilder b = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            b.append(line).append('\n');
        }
        return b.toString();
    }
}
