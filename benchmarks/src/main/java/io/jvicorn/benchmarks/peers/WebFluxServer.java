package io.jvicorn.benchmarks.peers;

import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.spring.webflux.WebFluxApplication;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * One Spring WebFlux application served two ways, for "WebFlux on jvicorn" against "WebFlux on Reactor Netty"
 * ({@code --transport jvicorn} or {@code netty}): a functional router with the {@link Workloads} (the JSON body is
 * written by Jackson from a map, as an application would), built into an {@link HttpHandler} by
 * {@code RouterFunctions.toHttpHandler}, then given to {@link WebFluxApplication} on a jvicorn {@link Server} or to
 * Spring's {@link ReactorHttpHandlerAdapter} on Reactor Netty's {@link HttpServer}. {@code --loops} sets jvicorn's
 * selector loops or Reactor Netty's event loops.
 */
public final class WebFluxServer {
    private WebFluxServer() {
    }

    /** For {@code --port 0}: the port the system chose. */
    private static void boundPort(int port) {
        System.out.println("bound port " + port);
        System.out.flush();
    }

    /**
     * The application: the same for both servers (and for {@code WebFluxAdapterBenchmark}).
     *
     * @return the router's handler
     */
    public static HttpHandler handler() {
        RouterFunction<ServerResponse> routes = RouterFunctions.route()
                .GET(Workloads.PLAINTEXT_PATH, r -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN)
                        .bodyValue(Workloads.PLAINTEXT))
                .GET(Workloads.JSON_PATH, r -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("message", "Hello, World!")))
                .GET(Workloads.BODY_10K_PATH, r -> ServerResponse.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .bodyValue(Workloads.BODY_10K))
                .GET(Workloads.BODY_1M_PATH, r -> ServerResponse.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .bodyValue(Workloads.BODY_1M))
                .POST(Workloads.ECHO_PATH, r -> ServerResponse.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .body(r.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]), byte[].class))
                .build();
        return RouterFunctions.toHttpHandler(routes, HandlerStrategies.withDefaults());
    }

    /**
     * Serves until the process is stopped.
     *
     * @param args see {@link ServerArgs}; {@code --transport jvicorn} (the default here) or {@code netty}
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        ServerArgs a = ServerArgs.parse(args);
        if (a.db() != null) {
            throw new IllegalArgumentException("the WebFlux servers serve no database workloads");
        }
        HttpHandler handler = handler();
        switch (a.transport()) {
            case "netty" -> {
                if (a.loops() > 0) {
                    System.setProperty("reactor.netty.ioWorkerCount", Integer.toString(a.loops()));
                }
                DisposableServer server = HttpServer.create().host(a.host()).port(a.port())
                        .handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
                a.announce("webflux-netty", "event loops=" + System.getProperty("reactor.netty.ioWorkerCount",
                        Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors()))));
                boundPort(server.port());
                server.onDispose().block();
            }
            case "jvicorn", "nio" -> {
                ServerConfig.Builder config = ServerConfig.builder(new WebFluxApplication(handler))
                        .host(a.host()).port(a.port()).accessLog(false);
                if (a.loops() > 0) {
                    config.loops(a.loops());
                }
                Server server = new Server(config.build());
                server.start();
                a.announce("webflux-jvicorn", "loops=" + (a.loops() > 0 ? a.loops() : "default") + ", carriers="
                        + ServerArgs.carriers());
                boundPort(server.port());
                server.awaitTermination();
            }
            default -> throw new IllegalArgumentException("--transport must be jvicorn or netty, not " + a.transport());
        }
    }
}
