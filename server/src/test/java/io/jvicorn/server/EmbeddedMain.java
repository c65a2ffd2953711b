package io.jvicorn.server;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.LifespanShutdown;
import io.jvicorn.asgi.LifespanShutdownComplete;
import io.jvicorn.asgi.LifespanStartup;
import io.jvicorn.asgi.LifespanStartupComplete;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.ReceiveEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A program that embeds a {@link Server} the way README shows, for {@link EmbeddedSignalsTest}: it handles signals,
 * starts, and waits. {@code /slow} answers after half a second (a request in flight when the signal comes) and says
 * on standard output when it began; the lifespan shutdown says so too.
 */
public final class EmbeddedMain {
    private EmbeddedMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Server server = new Server(ServerConfig.builder(app()).port(0).loops(1).build())) {
            server.handleSignals();
            server.start();
            System.out.println("port " + server.port());
            server.awaitTermination();
        }
        System.out.println("main returned");
    }

    private static Application app() {
        return (scope, receive, send) -> {
            if (scope instanceof LifespanScope) {
                while (true) {
                    ReceiveEvent event = receive.receive();
                    if (event instanceof LifespanStartup) {
                        send.send(new LifespanStartupComplete());
                    } else if (event instanceof LifespanShutdown) {
                        System.out.println("lifespan shutdown ran");
                        send.send(new LifespanShutdownComplete());
                        return;
                    }
                }
            }
            if (scope instanceof HttpScope http && http.path().equals("/slow")) {
                System.out.println("slow request began");
                Thread.sleep(500); // the application's own work, under way when the signal arrives
            }
            byte[] body = "done".getBytes(StandardCharsets.US_ASCII);
            send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(body.length)))));
            send.send(new HttpResponseBody(body));
        };
    }
}
