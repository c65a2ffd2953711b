package io.jvicorn.server.metrics;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.lifespan.LifespanMode;
import io.jvicorn.server.Carriers;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.ServerStartupException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Serves the Prometheus text at {@code GET /metrics} on its own address, apart from the application's (a jvicorn
 * {@link Server} of one loop, without lifespan or access log); anything else gets 404, another method 405.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    /** The path Prometheus scrapes by default. */
    public static final String PATH = "/metrics";

    private final Server server;

    private MetricsEndpoint(Server server) {
        this.server = server;
    }

    /**
     * Binds and serves.
     *
     * @param host     the address to listen on (the command's default is {@code 127.0.0.1}: the numbers are for the
     *                 machine's own scraper unless asked otherwise)
     * @param port     the port; 0 picks a free one ({@link #port()})
     * @param snapshot the values to write at each scrape
     * @return the endpoint, serving
     * @throws ServerStartupException if the address cannot be bound
     */
    public static MetricsEndpoint start(String host, int port, Supplier<MetricsSnapshot> snapshot)
            throws ServerStartupException {
        ServerConfig config = ServerConfig.builder(application(snapshot))
                .host(host).port(port).loops(1).carriers(Carriers.POOL).lifespan(LifespanMode.OFF)
                .accessLog(false).logRunningOn(false).timeoutGracefulShutdown(Duration.ofSeconds(1))
                .build();
        Server server = new Server(config);
        server.start();
        MetricsEndpoint endpoint = new MetricsEndpoint(server);
        LOG.log(System.Logger.Level.INFO, "Prometheus metrics on " + endpoint.url());
        return endpoint;
    }

    private static Application application(Supplier<MetricsSnapshot> snapshot) {
        return (scope, receive, send) -> {
            if (!(scope instanceof HttpScope http)) {
                return;
            }
            int status;
            String type = "text/plain; charset=utf-8";
            byte[] body;
            List<Header> extra = List.of();
            if (!http.path().equals(PATH)) {
                status = 404;
                body = ("Not Found: metrics are at " + PATH + "\n").getBytes(StandardCharsets.UTF_8);
            } else if (!http.method().equals("GET") && !http.method().equals("HEAD")) {
                status = 405;
                body = "Method Not Allowed\n".getBytes(StandardCharsets.UTF_8);
                extra = List.of(Header.of("allow", "GET, HEAD"));
            } else {
                status = 200;
                type = PrometheusText.CONTENT_TYPE;
                body = PrometheusText.render(snapshot.get()).getBytes(StandardCharsets.UTF_8);
            }
            List<Header> headers = new java.util.ArrayList<>(extra);
            headers.add(Header.of("content-type", type));
            headers.add(Header.of("content-length", Integer.toString(body.length)));
            send.send(new HttpResponseStart(status, headers));
            send.send(new HttpResponseBody(body)); // the server leaves it out for HEAD
        };
    }

    /** @return the port it listens on */
    public int port() {
        return server.port();
    }

    /** @return where to scrape */
    public String url() {
        String host = server.config().host();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + PATH;
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.close();
    }
}
