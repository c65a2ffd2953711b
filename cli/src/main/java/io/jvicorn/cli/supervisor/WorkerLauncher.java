package io.jvicorn.cli.supervisor;

import io.jvicorn.engine.LoopCarriers;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts worker processes: this JVM's command again (same java, JVM options, class path and arguments), with the
 * supervisor's control socket and the shared listening places in the environment. Workers write to this process's
 * stdout and stderr; their standard input is the shared listening socket of {@code --fd 0}, or nothing.
 */
final class WorkerLauncher {
    private final List<String> command;
    private final Map<String, String> environment;
    private final boolean inheritStandardInput;

    /** Lets the workers' selector loops carry virtual threads, as the supervisor's JVM could (see LoopCarriers). */
    private static final String OPEN_JAVA_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    /**
     * @param mainClass            the command's main class
     * @param args                 the command line as the user gave it
     * @param controlSocket        where workers report ({@link WorkerLink#SOCKET_VARIABLE})
     * @param binds                where workers listen ({@link WorkerLink#BINDS_VARIABLE})
     * @param inheritStandardInput whether workers inherit standard input, the listening socket of {@code fd://0}
     */
    WorkerLauncher(String mainClass, List<String> args, Path controlSocket, List<String> binds,
                   boolean inheritStandardInput) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        cmd.addAll(jvmOptions);
        if (LoopCarriers.available() && !jvmOptions.contains(OPEN_JAVA_LANG)) {
            // Opened by the jar's manifest (Add-Opens), which -cp below does not read: pass it on as a flag.
            cmd.add(OPEN_JAVA_LANG);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        this.command = List.copyOf(cmd);
        this.environment = Map.of(WorkerLink.SOCKET_VARIABLE, controlSocket.toString(),
                WorkerLink.BINDS_VARIABLE, String.join(" ", binds));
        this.inheritStandardInput = inheritStandardInput;
    }

    /** @return the command each worker runs */
    List<String> command() {
        return command;
    }

    /**
     * Starts one worker.
     *
     * @return the worker
     * @throws IOException if the process cannot be started
     */
    Worker start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(inheritStandardInput ? ProcessBuilder.Redirect.INHERIT
                        : ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        return new Worker(builder.start(), System.nanoTime());
    }
}
