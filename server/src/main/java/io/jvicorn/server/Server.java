package io.jvicorn.server;

import io.jvicorn.asgi.Application;
import io.jvicorn.engine.Engine;
import io.jvicorn.http11.codec.DefaultHeaders;
import io.jvicorn.http11.server.AppGeneration;
import io.jvicorn.http11.server.HttpSettings;
import io.jvicorn.http11.server.ServerActivity;
import io.jvicorn.http11.server.WebSocketUpgrade;
import io.jvicorn.lifespan.Lifespan;
import io.jvicorn.lifespan.LifespanFailedException;
import io.jvicorn.server.signal.ShutdownSignals;
import io.jvicorn.websocket.server.WebSocketServer;
import io.jvicorn.websocket.server.WebSocketServerSettings;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * An embeddable jvicorn server.
 *
 * <pre>{@code
 * try (Server server = new Server(ServerConfig.builder(app).port(0).build())) {
 *     server.handleSignals(); // Ctrl+C and SIGTERM drain and run the lifespan shutdown, as the jvicorn command does
 *     server.start();         // logs "jvicorn running on http://127.0.0.1:PORT (Press CTRL+C to quit)"
 *     server.awaitTermination();
 * }
 * }</pre>
 *
 * <p>{@link #start()} runs the lifespan startup, binds and returns once listening. {@link #close()} shuts down
 * gracefully in Uvicorn's order: stop accepting, close idle connections, let in-flight requests finish (up to
 * {@link ServerConfig#timeoutGracefulShutdown()}), cancel the rest, then run the lifespan shutdown.
 *
 * <p>A server installs no signal handler unless asked with {@link #handleSignals()}: a framework that has its own
 * shutdown hooks calls {@link #close()} from them instead.
 */
public final class Server implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

    /** Replaced by {@link #replaceApplication}, so that no old application stays reachable through it. */
    private volatile ServerConfig config;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Released when start() returns or throws: a close() during start() waits for it, then closes what it opened. */
    private final CountDownLatch startFinished = new CountDownLatch(1);
    private final @Nullable WebSocketUpgrade webSocket;
    private volatile @Nullable ServedApplications applications;
    private volatile @Nullable Engine engine;
    private volatile List<String> runningOn = List.of();
    private volatile @Nullable ServerActivity activity;
    private volatile boolean forced;
    /** The TLS listeners' engines, replaceable while serving; null for plain HTTP. */
    private volatile @Nullable TlsEngines tlsEngines;
    /** Set by {@link #handleSignals()}: the startup line then says how to quit. */
    private volatile boolean signalsHandled;
    /** The thread in {@link #start()}, interrupted by {@link #forceClose()} (a lifespan startup that hangs). */
    private volatile @Nullable Thread starting;
    /** Released by {@link #forceClose()}: ends the shutdown delay early. */
    private final CountDownLatch forceRequested = new CountDownLatch(1);

    /**
     * A server with jvicorn's own WebSocket support configured by {@link ServerConfig#webSocket()} (none for
     * {@code --ws none}).
     *
     * @param config the configuration
     */
    public Server(ServerConfig config) {
        this(config, webSocketFor(config.webSocket()));
    }

    /**
     * A server with a WebSocket implementation plugged in.
     *
     * @param config    the configuration
     * @param webSocket handles WebSocket upgrades, or null to serve them as plain HTTP
     */
    public Server(ServerConfig config, @Nullable WebSocketUpgrade webSocket) {
        this.config = config;
        this.webSocket = config.webSocket().enabled() ? webSocket : null;
    }

    /**
     * Loads and initializes what serving needs, touching no socket and no file: the engine's, HTTP/1.1's and lifespan's
     * classes, NIO's selector provider and the virtual-thread scheduler, by parsing a sample request and encoding a
     * response; and, if SIGINT was inherited as ignored, what {@link #handleSignals()} needs to take it back. A command
     * line runs it on a second thread while it parses its arguments, so that {@link #start()} finds the work done. Best effort: failures are ignored, since starting does the same work and reports them.
     */
    public static void warmUp() {
        WarmUp.run();
    }

    /** jvicorn's own WebSocket server with the configured {@code --ws-*} options, or null for {@code --ws none}. */
    private static @Nullable WebSocketUpgrade webSocketFor(ServerConfig.WebSocketSettings ws) {
        if (!ws.enabled()) {
            return null;
        }
        return new WebSocketServer(new WebSocketServerSettings(ws.maxSize(), ws.maxQueue(), ws.pingInterval(),
                ws.pingTimeout(), ws.perMessageDeflate(), WebSocketServerSettings.DEFAULTS.closeTimeout()));
    }

    /** @return the configuration, with the application serving now */
    public ServerConfig config() {
        return config;
    }

    /**
     * Runs the lifespan startup, binds and starts serving; returns once listening.
     *
     * <p>A failure is logged on {@code jvicorn.error} as Uvicorn's server logs it (a bind error before the lifespan
     * shutdown it causes) and thrown; the caller need not log it again.
     *
     * @throws ServerStartupException when the listen or TLS configuration is unusable, or binding or the lifespan
     *                                startup fails
     */
    public void start() throws ServerStartupException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("server already started");
        }
        starting = Thread.currentThread();
        try {
            if (closing.get()) { // after setting started: a close() that missed it is seen here
                throw new ServerStartupException("the server was closed before it started", null);
            }
            startServing();
        } finally {
            starting = null;
            startFinished.countDown();
        }
    }

    private void startServing() throws ServerStartupException {
        ListenPlan listen;
        TlsEngines tls;
        try {
            listen = ListenPlan.of(config);
            tls = tlsEngines(config);
        } catch (ServerStartupException ex) {
            LOG.log(System.Logger.Level.ERROR, ex.getMessage());
            throw ex;
        }
        // Decided once at start, as Uvicorn does: at trace level every message goes through the logger.
        Application app = MessageLogger.enabled() ? new MessageLogger(config.app()) : config.app();
        if (config.debug()) {
            LOG.log(System.Logger.Level.WARNING, "Debug mode is on: an application failure is answered with its stack "
                    + "trace and the request's headers to clients on this machine. Do not use it in production.");
        }
        Lifespan life = new Lifespan(app, config.lifespan());
        Map<String, Object> state;
        try {
            state = ServedApplications.startup(life, config.appClassLoader());
        } catch (LifespanFailedException e) {
            throw new ServerStartupException("Application startup failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartupException("interrupted during application startup", e);
        }
        DefaultHeaders defaults = DefaultHeaders.create(config.serverHeader(), config.dateHeader(), config.headers());
        long maxRequests = ServerWiring.maxRequests(config);
        ServerActivity counters = new ServerActivity(new AppGeneration(app, state, config.appClassLoader()),
                maxRequests, () -> maxRequestsReached(maxRequests), config.observer());
        activity = counters;
        HttpSettings settings = ServerWiring.httpSettings(config, tls != null, counters, webSocket, defaults);
        Engine e = ServerWiring.engine(config, ServerWiring.handlers(config, settings), defaults);
        try {
            runningOn = listen.bind(e, tls);
        } catch (ServerStartupException ex) {
            e.close();
            // Uvicorn's order: the bind error, then the application's shutdown.
            LOG.log(System.Logger.Level.ERROR, ex.getMessage());
            ServedApplications.shutdown(life, config.appClassLoader());
            throw ex;
        }
        applications = new ServedApplications(config.lifespan(), config.timeoutGracefulShutdown(), counters, life,
                config.appClassLoader());
        e.start();
        engine = e;
        tlsEngines = tls;
        if (config.logRunningOn()) {
            String quit = signalsHandled ? " (Press CTRL+C to quit)" : "";
            runningOn.forEach(place -> LOG.log(System.Logger.Level.INFO, "jvicorn running on " + place + quit));
        }
    }

    private static @Nullable TlsEngines tlsEngines(ServerConfig config) throws ServerStartupException {
        TlsConfig files = config.tls();
        if (files != null) {
            return TlsContextFactory.engines(files, config.http().alpn());
        }
        SSLContext context = config.sslContext();
        if (context != null) {
            SSLParameters parameters = config.sslParameters();
            return new TlsEngines(context, parameters != null ? parameters : context.getDefaultSSLParameters(),
                    config.http().alpn());
        }
        return null;
    }

    /**
     * Handles SIGINT and SIGTERM as the {@code jvicorn} command does: the first starts {@link #close()} (graceful
     * drain, then the lifespan shutdown) on its own thread, and {@link #awaitTermination()} returns once it is done; a
     * second SIGINT (Ctrl+C twice) calls {@link #forceClose()}. A SIGINT that the process inherited as ignored (a
     * background job of a shell script) is taken back on Java 22 or newer. Call it before {@link #start()}, once per
     * process; an embedding framework with its own shutdown hooks need not call it at all.
     *
     * @return the signals that could not be handled (a JVM started with {@code -Xrs}, or an inherited ignored SIGINT
     *         on Java 21); the reason is logged
     */
    public List<String> handleSignals() {
        List<String> failed = new ShutdownSignals(this::close, this::forceClose).install();
        signalsHandled = !failed.contains("INT");
        return failed;
    }

    /**
     * Reads the TLS files of {@link ServerConfig#tls()} again and serves connections accepted from now on with what
     * they hold: a renewed certificate without a restart. Open connections keep their session.
     *
     * @throws ServerStartupException if the files are unusable now (the message says why); the server goes on with
     *                                the certificate it had
     * @throws IllegalStateException  if not started, or not configured with TLS files
     */
    public void reloadTls() throws ServerStartupException {
        TlsConfig files = config.tls();
        if (files == null) {
            throw new IllegalStateException("the server has no TLS files to reload (see ServerConfig.tls)");
        }
        SSLContext context = TlsContextFactory.sslContext(files);
        startedTls().replace(context, TlsContextFactory.parameters(files, context));
        LOG.log(System.Logger.Level.INFO, "TLS certificate reloaded from {0}",
                files.keyStore() != null ? files.keyStore() : files.certFile());
    }

    /**
     * Serves connections accepted from now on with another context (certificate rotation by a framework that manages
     * its own key material); open connections keep theirs.
     *
     * @param context    the new context
     * @param parameters what each engine gets, or null for the context's defaults
     * @throws IllegalStateException if not started, or started without TLS
     */
    public void updateSslContext(SSLContext context, @Nullable SSLParameters parameters) {
        startedTls().replace(context, parameters != null ? parameters : context.getDefaultSSLParameters());
    }

    private TlsEngines startedTls() {
        startedEngine();
        TlsEngines tls = tlsEngines;
        if (tls == null) {
            throw new IllegalStateException("the server does not serve TLS");
        }
        return tls;
    }

    /**
     * Serves {@code next} in place of the current application, without closing a socket (an in-process reload).
     * Runs the new application's lifespan startup first; if that fails, the current application keeps serving and
     * this throws. Then new requests go to {@code next}, while requests (and WebSocket sessions) already running finish
     * on the old application; once they have (or {@link ServerConfig#timeoutGracefulShutdown()} passed), the old
     * application's lifespan shutdown runs on a thread of its own, and the server keeps no reference to it.
     *
     * <p>A request pays one volatile read for this, whether or not applications are ever replaced.
     *
     * @param next   the new application
     * @param loader the class loader {@code next} was loaded with, made its context class loader as
     *               {@link ServerConfig#appClassLoader()} is for the first; null for none
     * @return completes once the old application's lifespan shutdown ran: its class loader may then be closed
     * @throws LifespanFailedException if the new application's lifespan startup failed (it was logged)
     * @throws InterruptedException    if interrupted during the startup
     * @throws IllegalStateException   if the server is not started or shuts down
     */
    public CompletableFuture<Void> replaceApplication(Application next, @Nullable ClassLoader loader)
            throws LifespanFailedException, InterruptedException {
        ServedApplications apps = applications;
        if (apps == null) {
            throw new IllegalStateException("server not started");
        }
        CompletableFuture<Void> retired = apps.replace(MessageLogger.enabled() ? new MessageLogger(next) : next,
                loader);
        config = config.withApplication(next, loader);
        return retired;
    }

    private void maxRequestsReached(long limit) {
        LOG.log(System.Logger.Level.INFO, "Maximum request limit of {0} exceeded. Terminating process.", limit);
        Thread.ofPlatform().name("jvicorn-max-requests").start(this::close);
    }

    /**
     * @return the port of the first TCP listener (the real one when configured with 0)
     * @throws IllegalStateException if not started, or listening on unix sockets only
     */
    public int port() {
        List<InetSocketAddress> tcp = localAddresses();
        if (tcp.isEmpty()) {
            throw new IllegalStateException("the server has no TCP listener (only unix or inherited sockets)");
        }
        return tcp.get(0).getPort();
    }

    /** @return the bound TCP addresses, in bind order */
    public List<InetSocketAddress> localAddresses() {
        return startedEngine().localAddresses();
    }

    /**
     * Every listening address: {@link InetSocketAddress}es and {@link java.net.UnixDomainSocketAddress}es, in the
     * order {@link ServerConfig#binds()}, {@link ServerConfig#uds()}, {@link ServerConfig#fd()} (or the one of
     * host and port when none of those is set).
     *
     * @return the addresses
     */
    public List<SocketAddress> listenAddresses() {
        return startedEngine().listenAddresses();
    }

    /**
     * Where the server listens, in the words of Uvicorn's startup line ("running on ..."), in the order of
     * {@link #listenAddresses()}.
     *
     * @return for example {@code http://127.0.0.1:8000}, {@code https://[::1]:8443}, {@code unix socket /run/app.sock}
     *         or {@code socket ('127.0.0.1', 8000)} for an inherited socket; empty before {@link #start()}
     */
    public List<String> runningOn() {
        return runningOn;
    }

    private Engine startedEngine() {
        Engine e = engine;
        if (e == null) {
            throw new IllegalStateException("server not started");
        }
        return e;
    }

    /**
     * A health check for supervisors: completes once every selector loop has run a task.
     *
     * @return completes when the loops answered; never completes if one is stuck
     * @throws IllegalStateException if not started
     */
    public CompletableFuture<Void> probeLoops() {
        return startedEngine().probeLoops();
    }

    /**
     * Blocks until the server has shut down: by {@link #close()} (which an embedding program calls from its own
     * shutdown hook, or a signal does after {@link #handleSignals()}) or by {@link ServerConfig#limitMaxRequests()}.
     *
     * @throws InterruptedException if interrupted
     */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /**
     * Graceful shutdown; idempotent. Blocks until done, also when another thread started it. Called while {@link
     * #start()} runs (a signal during startup), it waits for the start to finish, then shuts down what it started.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        if (started.get()) {
            // A signal during start(): without waiting, the engine start() is about to open would keep accepting
            // after this close, and the process would exit under connections it had accepted.
            awaitStart();
        }
        Engine e = engine;
        try {
            if (e != null) {
                LOG.log(System.Logger.Level.INFO, "Shutting down");
                drain(e);
                e.close();
            }
            ServedApplications apps = applications;
            if (apps != null) {
                apps.close(!forced, forced ? Duration.ZERO : CANCEL_GRACE);
            }
        } finally {
            terminated.countDown();
        }
    }

    private void drain(Engine e) {
        delayShutdown();
        e.stopAccepting();
        e.shutdownConnections();
        try {
            if (e.connectionCount() > 0) {
                LOG.log(System.Logger.Level.INFO, "Waiting for connections to close. (CTRL+C to force quit)");
            }
            Duration limit = forced ? Duration.ZERO : config.timeoutGracefulShutdown();
            long start = System.nanoTime();
            ServerActivity counters = activity;
            if (!e.awaitConnectionsClosed(limit)) {
                int running = counters == null ? 0 : counters.tasks();
                LOG.log(System.Logger.Level.ERROR, "Cancel {0} running task(s), timeout graceful shutdown exceeded", running);
                e.cancelConnections();
                e.awaitConnectionsClosed(CANCEL_GRACE);
            } else if (counters != null) {
                // Applications whose clients left may still be running: wait for them within the same limit.
                counters.awaitNoTasks(limit == null ? null : limit.minusNanos(System.nanoTime() - start));
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            e.cancelConnections();
        }
    }

    /**
     * Keeps serving for {@code --shutdown-delay}: a load balancer (a Kubernetes endpoint removal) may still send new
     * connections for a while after it decided to stop, and they would be refused once the listeners close.
     */
    private void delayShutdown() {
        Duration delay = config.shutdownDelay();
        if (delay.isZero() || forced) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "Waiting {0} s before closing the listeners (--shutdown-delay)",
                delay.toMillis() / 1000.0);
        try {
            forceRequested.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Skips the wait: cancels every request now and skips the lifespan shutdown (a second Ctrl+C). A {@link #start()}
     * still in its lifespan startup is interrupted, and throws.
     */
    public void forceClose() {
        forced = true;
        forceRequested.countDown();
        Thread startingThread = starting;
        if (startingThread != null) {
            startingThread.interrupt();
        }
        Engine e = engine;
        if (e != null) {
            e.cancelConnections();
        }
        if (closing.get()) {
            awaitQuietly(); // the running close() sees `forced` and stops waiting at its next step
        } else {
            close();
        }
    }

    private void awaitStart() {
        if (starting == Thread.currentThread()) {
            return; // closed from within start() (its lifespan startup): nothing to wait for
        }
        try {
            startFinished.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitQuietly() {
        try {
            terminated.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
