package io.jvicorn.benchmarks.peers;

import io.jvicorn.asgi.Application;
import io.jvicorn.server.CoreShare;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import java.time.Duration;

/**
 * Runs {@link BenchApp} on jvicorn's embeddable server, without access log. BenchApp never blocks and says so
 * ({@link io.jvicorn.asgi.NonBlockingApplication}), so body-less requests are answered on the selector loop; with
 * {@code --transport vt} it is wrapped as a plain {@link Application}, so every request runs on a virtual thread.
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
        BenchApp bench = new BenchApp();
        Application app = "vt".equals(a.transport()) ? bench::call : bench;
        Server server = new Server(ServerConfig.builder(app)
                .host(a.host())
                .port(a.port())
                .accessLog(false)
                .timeoutKeepAlive(Duration.ofSeconds(120))
                .build());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        a.announce("jvicorn");
        server.awaitTermination();
    }
}
