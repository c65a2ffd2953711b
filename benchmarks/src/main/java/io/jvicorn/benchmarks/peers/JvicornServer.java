package io.jvicorn.benchmarks.peers;

import io.jvicorn.asgi.Application;
import io.jvicorn.benchmarks.db.Database;
import io.jvicorn.server.Carriers;
import io.jvicorn.server.CoreShare;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs {@link BenchApp} on jvicorn's embeddable server, without access log. BenchApp never blocks and says so
 * ({@link io.jvicorn.asgi.NonBlockingApplication}), so body-less requests are answered on the selector loop; with
 * {@code --transport vt} it is wrapped as a plain {@link Application}, so every request runs on a virtual thread, and
 * with {@code --db} that application also serves the database workloads with blocking JDBC ({@link DatabaseApp}; an
 * inline application must not block, so {@code --db} needs {@code --transport vt}). {@code --loops N} sets the
 * selector loops; the carriers come from the JDK's property, as for the {@code jvicorn} command.
 */
public final class JvicornServer {
    private JvicornServer() {
    }

    /**
     * Starts the server and serves until the process is stopped.
     *
     * @param args see {@link ServerArgs}
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        CoreShare.configureCarriers(); // as the jvicorn command does, before the first virtual thread
        ServerArgs a = ServerArgs.parse(args);
        // A long keep-alive timeout, as for every peer, so the idle-connection workload measures idle connections.
        boolean vt = "vt".equals(a.transport());
        if (a.db() != null && !vt) {
            throw new IllegalArgumentException("--db needs --transport vt: an inline application must not block");
        }
        BenchApp bench = new BenchApp();
        Application app = vt ? bench::call : bench;
        if (a.db() != null) {
            app = new DatabaseApp(new Database(a.db(), a.dbPool()), app);
        }
        // -Dbench.carriers=pool measures the JDK's scheduler instead of the default (Carriers).
        Carriers carriers = Carriers.valueOf(System.getProperty("bench.carriers", "loops").toUpperCase(Locale.ROOT));
        ServerConfig.Builder config = ServerConfig.builder(app).carriers(carriers);
        if (a.loops() > 0) {
            config.loops(a.loops());
        }
        Server server = new Server(config
                .host(a.host())
                .port(a.port())
                .accessLog(false)
                .timeoutKeepAlive(Duration.ofSeconds(120))
                .build());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        a.announce(vt ? "jvicorn-vt" : "jvicorn", "loops=" + server.config().loops() + " carriers="
                + (vt ? carriers.name().toLowerCase(Locale.ROOT) + " " : "") + ServerArgs.carriers());
        server.awaitTermination();
    }
}
