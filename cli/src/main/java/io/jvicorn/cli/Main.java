package io.jvicorn.cli;

import io.jvicorn.asgi.Application;
import io.jvicorn.observe.ServerObserver;
import io.jvicorn.cli.reload.ReloadSettings;
import io.jvicorn.http11.server.AccessLogFormat;
import io.jvicorn.cli.supervisor.ChangeReload;
import io.jvicorn.cli.supervisor.Multiprocess;
import io.jvicorn.cli.supervisor.SupervisorMetrics;
import io.jvicorn.cli.supervisor.WorkerLink;
import io.jvicorn.server.CoreShare;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.ServerStartupException;
import io.jvicorn.server.SharedListeners;
import io.jvicorn.server.metrics.MetricsEndpoint;
import io.jvicorn.server.metrics.PrometheusMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;

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
    /** Stands in for the application in a supervisor, which checks the options but never serves. */
    private static final Application NOT_LOADED = (scope, receive, send) -> {
        throw new IllegalStateException("a supervisor process does not serve");
    };

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

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
        CoreShare.configureCarriers(); // before the first virtual thread, which the warmer starts
        StartupWarmer.start();
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
        return commandLine(options, new EnvironmentDefaults(environment));
    }

    /**
     * The picocli command over {@code options} with the given source of defaults.
     *
     * @param options  filled by parsing
     * @param defaults values for options the command line does not give
     * @return the command line, ready for {@code parseArgs}
     */
    static CommandLine commandLine(CliOptions options, IDefaultValueProvider defaults) {
        CommandLine commandLine = new CommandLine(options);
        commandLine.setDefaultValueProvider(defaults);
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
        ParsedCommand command;
        try {
            command = CommandParser.parse(args, environment);
        } catch (UsageException e) {
            return usageError(e.getMessage());
        }
        CommandLine commandLine = command.commandLine();
        CliOptions options = command.options();
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

        // Auto colours stay off with a log config: its handlers may well write to files.
        boolean colors = (options.logConfig == null || options.useColors != null)
                && TerminalColors.enabled(options.useColors, environment, TerminalColors.isTerminal());
        try {
            configureLogging(command, colors);
        } catch (IOException | IllegalArgumentException e) {
            return usageError("cannot read --log-config " + options.logConfig + ": " + e.getMessage());
        }
        exposeAsSystemProperties(command.envFileVariables());
        String controlSocket = environment.get(WorkerLink.SOCKET_VARIABLE);
        @Nullable WorkerLink link = null;
        if (controlSocket != null && !controlSocket.isEmpty()) {
            options.listenAsWorker(workerBinds());
            try {
                link = WorkerLink.connect(Path.of(controlSocket), () -> System.exit(EXIT_OK));
            } catch (IOException e) {
                LOG.log(Level.ERROR, "Cannot reach the supervisor process at " + controlSocket + ": "
                        + e.getMessage());
                return EXIT_STARTUP_FAILURE;
            }
        } else if (options.development.debug && options.workers > 1 && !options.reload) {
            // Werkzeug refuses its debugger behind several processes; so does jvicorn, before starting any.
            return usageError("--debug cannot be used with --workers " + options.workers + ": the debug page is for a "
                    + "single development process (use --reload for restarts)");
        } else if (options.reload && options.reloadMode == ReloadMode.IN_PROCESS) {
            return serveReloading(options, importString, colors);
        } else if (options.reload || options.workers > 1 || options.workersMaxRss != null) {
            return supervise(options, args, colors); // a memory limit needs a supervisor even for one worker
        } else if (options.reloadOptionsWithoutReload()) {
            LOG.log(Level.WARNING, "Current configuration will not reload as not all conditions are met, please "
                    + "refer to documentation.");
        }
        AppLoader loader = new AppLoader(options.appDirPaths(), Main.class.getClassLoader());
        Application application;
        try {
            application = loader.load(importString, options.factory);
        } catch (AppLoadException e) {
            LOG.log(Level.ERROR, e.getMessage(), e.getCause());
            return EXIT_STARTUP_FAILURE;
        }
        @Nullable PrometheusMetrics metrics = options.metricsPort != null ? new PrometheusMetrics() : null;
        ServerConfig config;
        try {
            config = options.toServerConfig(application, colors, metrics != null ? metrics : ServerObserver.NONE, null);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        // Frameworks look resources up through the context loader; virtual threads the server starts inherit it.
        Thread.currentThread().setContextClassLoader(loader.classLoader());
        if (metrics == null) {
            return serve(new Server(config), link, null);
        }
        if (link != null) {
            link.reportMetrics(() -> metrics.snapshot().encode()); // the supervisor serves the sums
            return serve(new Server(config), link, null);
        }
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(options.metricsHost, options.metricsPort,
                metrics::snapshot)) {
            return serve(new Server(config), null, null);
        } catch (ServerStartupException e) {
            LOG.log(Level.ERROR, "Cannot serve metrics on " + options.metricsHost + ":" + options.metricsPort + ": "
                    + e.getMessage());
            return EXIT_STARTUP_FAILURE;
        }
    }

    /**
     * {@code --reload --reload-mode in-process}: one server, whose application {@link InProcessReload} replaces on
     * each change.
     */
    private int serveReloading(CliOptions options, String importString, boolean colors) {
        if (options.workers > 1) {
            LOG.log(Level.WARNING, "\"workers\" flag is ignored when reloading is enabled.");
        }
        ReloadSettings settings = options.reloadSettings();
        settings.warnings().forEach(warning -> LOG.log(Level.WARNING, warning));
        LOG.log(Level.INFO, "Will watch for changes in these directories: "
                + settings.dirs().stream().map(dir -> "'" + dir + "'").toList());
        InProcessReload reload = new InProcessReload(importString, options.factory, options.appDirPaths(),
                options.reloadDirPaths(), settings, options.reloadDelay);
        Server server;
        try {
            // No local variable holds the first application or its configuration while serving: this frame would
            // keep its class loader reachable after the first reload. Nor is a context class loader set here:
            // threads the server keeps would inherit it.
            server = new Server(options.toServerConfig(reload.loadFirst(), colors, ServerObserver.NONE, reload.classLoader()));
        } catch (AppLoadException e) {
            LOG.log(Level.ERROR, e.getMessage(), e.getCause());
            return EXIT_STARTUP_FAILURE;
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        LOG.log(Level.INFO, "Started in-process reloader [" + ProcessHandle.current().pid() + "] using WatchService");
        return serve(server, null, reload);
    }

    /** The places a worker listens on, as its supervisor reserved them. */
    private List<String> workerBinds() {
        String binds = environment.getOrDefault(WorkerLink.BINDS_VARIABLE, "").strip();
        return binds.isEmpty() ? List.of() : List.of(binds.split("\\s+"));
    }

    /**
     * Runs a supervisor instead of a server: {@code --reload} or {@code --workers N}. The supervisor checks the
     * options and reserves the listening ports but never loads the application; its workers do.
     */
    private int supervise(CliOptions options, String[] args, boolean colors) {
        if (options.reload && options.workers > 1) {
            LOG.log(Level.WARNING, "\"workers\" flag is ignored when reloading is enabled.");
        }
        if (options.reload && options.workersMaxRss != null) {
            LOG.log(Level.WARNING, "--workers-max-rss is ignored when reloading is enabled.");
        }
        ServerConfig config;
        try {
            config = options.toServerConfig(NOT_LOADED, colors);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        @Nullable ReloadSettings reload = null;
        if (options.reload) {
            reload = options.reloadSettings();
            reload.warnings().forEach(warning -> LOG.log(Level.WARNING, warning));
            LOG.log(Level.INFO, "Will watch for changes in these directories: "
                    + reload.dirs().stream().map(dir -> "'" + dir + "'").toList());
        }
        try (SharedListeners listeners = reload != null ? SharedListeners.listenForReload(config)
                : SharedListeners.reserve(config);
             SupervisorMetrics metrics = options.metricsPort != null
                     ? SupervisorMetrics.start(options.metricsHost, options.metricsPort) : null) {
            for (String place : listeners.runningOn()) {
                LOG.log(Level.INFO, "jvicorn running on " + place + " (Press CTRL+C to quit)");
            }
            List<String> workerArgs = List.of(args);
            return reload != null
                    ? ChangeReload.run(Main.class.getName(), workerArgs, listeners, reload, options.reloadDelay,
                            metrics)
                    : Multiprocess.run(Main.class.getName(), workerArgs, listeners, options.workers,
                            options.timeoutWorkerHealthcheck,
                            options.workersMaxRss == null ? 0 : options.workersMaxRss * 1024L * 1024L, metrics);
        } catch (ServerStartupException e) {
            LOG.log(Level.ERROR, e.getMessage());
            return EXIT_STARTUP_FAILURE;
        } catch (IOException e) {
            LOG.log(Level.ERROR, "Cannot start the supervisor: " + e.getMessage());
            return EXIT_STARTUP_FAILURE;
        }
    }

    /**
     * Sets up logging: jvicorn's console handlers, or the {@code --log-config} file.
     *
     * @param command the parsed command
     * @param colors  whether jvicorn's handlers colour level names
     * @throws IOException if the log config file cannot be read
     */
    void configureLogging(ParsedCommand command, boolean colors) throws IOException {
        CliOptions options = command.options();
        if (options.logConfig != null) {
            CliLogging.configureFromFile(options.logConfig, command.logLevelGiven() ? options.logLevel : null,
                    options.accessLog);
        } else {
            CliLogging.configure(options.logLevel, options.accessLog,
                    AccessLogFormat.JSON.equals(options.accessLogFormat), colors, out, err);
        }
    }

    /**
     * Makes {@code --env-file} variables visible to the application: Java cannot change its own environment, so each
     * becomes a system property, unless a property of that name is already set (with {@code -D}).
     *
     * @param variables the file's variables
     */
    static void exposeAsSystemProperties(Map<String, String> variables) {
        variables.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }

    private int serve(Server server, @Nullable WorkerLink link, @Nullable InProcessReload reload) {
        long pid = ProcessHandle.current().pid();
        LOG.log(Level.INFO, "Started server process [" + pid + "]");
        server.handleSignals(); // the first INT or TERM drains; a second INT forces
        try {
            server.start();
        } catch (ServerStartupException e) {
            // The server logged it, in Uvicorn's order; the cause's stack trace is for debugging.
            LOG.log(Level.DEBUG, "Server startup failure", e);
            return EXIT_STARTUP_FAILURE;
        }
        if (link == null) {
            if (reload != null) {
                try {
                    reload.start(server);
                } catch (IOException e) {
                    LOG.log(Level.ERROR, "Cannot watch for changes: " + e.getMessage());
                    server.close();
                    LOG.log(Level.INFO, "Finished server process [" + pid + "]");
                    return EXIT_STARTUP_FAILURE;
                }
            }
        } else {
            // The supervisor printed where the workers listen; a worker reports that it serves, then beats.
            link.serving(server::probeLoops, () -> Thread.ofPlatform().name("jvicorn-orphan-shutdown")
                    .start(server::close));
        }
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reload != null) {
            reload.close();
        }
        server.close(); // idempotent: waits for a shutdown a signal started
        LOG.log(Level.INFO, "Finished server process [" + pid + "]");
        return EXIT_OK;
    }

    private int usageError(String message) {
        err.println("Error: " + message);
        err.println("Try 'jvicorn --help' for help.");
        return EXIT_USAGE;
    }
}
