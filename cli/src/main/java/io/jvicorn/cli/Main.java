package io.jvicorn.cli;

import io.jvicorn.asgi.Application;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.ServerStartupException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The {@code jvicorn} command: parses the options, loads the application, runs the server until a signal, and exits
 * with Uvicorn's codes (0 done, 2 bad usage, 3 startup failure).
 */
public final class Main {
    /** Served and shut down normally, or printed help or the version. */
    static final int EXIT_OK = 0;
    /** An option or argument was invalid. */
    static final int EXIT_USAGE = 2;
    /** The application could not be loaded or the server could not start ({@code STARTUP_FAILURE}). */
    static final int EXIT_STARTUP_FAILURE = 3;

    private static final System.Logger LOG = System.getLogger(CliLogging.ERROR_LOGGER);

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private final AtomicBoolean finished = new AtomicBoolean();

    /**
     * @param environment where {@code JVICORN_*} defaults come from
     * @param out         help, version and the access log
     * @param err         errors and the server log
     */
    Main(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command and exits the JVM with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new Main(System.getenv(), System.out, System.err).execute(args));
    }

    /**
     * The picocli command over {@code options}, with defaults from the environment.
     *
     * @param options     filled by parsing
     * @param environment the {@code JVICORN_*} variables
     * @return the command line, ready for {@code parseArgs}
     */
    static CommandLine commandLine(CliOptions options, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(options);
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        commandLine.setUsageHelpLongOptionsMaxWidth(34);
        return commandLine;
    }

    /**
     * Parses, loads the application and serves it; returns when the server has shut down.
     *
     * @param args the command line
     * @return the exit code
     */
    int execute(String[] args) {
        CliOptions options = new CliOptions();
        CommandLine commandLine = commandLine(options, environment);
        try {
            commandLine.parseArgs(args);
        } catch (ParameterException e) {
            return usageError(e.getMessage());
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(out);
            return EXIT_OK;
        }
        if (commandLine.isVersionHelpRequested()) {
            out.println(VersionInfo.line());
            return EXIT_OK;
        }
        String importString = options.app;
        if (importString == null) {
            return usageError("Missing required parameter: 'APP' (or set " + EnvironmentDefaults.PREFIX + "APP)");
        }

        CliLogging.configure(options.logLevel, options.accessLog, out, err);
        AppLoader loader = new AppLoader(options.appDirPaths(), Main.class.getClassLoader());
        Application application;
        try {
            application = loader.load(importString, options.factory);
        } catch (AppLoadException e) {
            LOG.log(Level.ERROR, e.getMessage(), e.getCause());
            return EXIT_STARTUP_FAILURE;
        }
        ServerConfig config;
        try {
            config = options.toServerConfig(application);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        // Frameworks look resources up through the context loader; virtual threads the server starts inherit it.
        Thread.currentThread().setContextClassLoader(loader.classLoader());
        return serve(config);
    }

    private int serve(ServerConfig config) {
        long pid = ProcessHandle.current().pid();
        LOG.log(Level.INFO, "Started server process [" + pid + "]");
        Server server = new Server(config);
        new ShutdownSignals(
                () -> {
                    LOG.log(Level.INFO, "Shutting down");
                    server.close();
                },
                () -> {
                    server.forceClose();
                    finish(pid);
                    System.exit(EXIT_OK);
                }).install();
        try {
            server.start();
        } catch (ServerStartupException e) {
            LOG.log(Level.ERROR, e.getMessage());
            LOG.log(Level.DEBUG, "Server startup failure", e);
            return EXIT_STARTUP_FAILURE;
        }
        LOG.log(Level.INFO, "jvicorn running on " + url(config.host(), server.port()) + " (Press CTRL+C to quit)");
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close(); // idempotent: waits for a shutdown a signal started
        finish(pid);
        return EXIT_OK;
    }

    private void finish(long pid) {
        if (finished.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "Finished server process [" + pid + "]");
        }
    }

    private int usageError(String message) {
        err.println("Error: " + message);
        err.println("Try 'jvicorn --help' for help.");
        return EXIT_USAGE;
    }

    /**
     * The address as Uvicorn prints it.
     *
     * @param host the configured host; an IPv6 literal gets brackets
     * @param port the bound port
     * @return for example {@code http://127.0.0.1:8000} or {@code http://[::1]:8000}
     */
    static String url(String host, int port) {
        return host.indexOf(':') >= 0 ? "http://[" + host + "]:" + port : "http://" + host + ":" + port;
    }
}
