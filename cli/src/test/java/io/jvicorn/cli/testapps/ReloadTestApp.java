package io.jvicorn.cli.testapps;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.LifespanShutdownComplete;
import io.jvicorn.asgi.LifespanStartupComplete;
import io.jvicorn.asgi.LifespanStartupFailed;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * For in-process reload tests, loaded from a copy of its class file: its version is the resource {@code version.txt}
 * beside that copy, read when created, so a test changes the application by rewriting the file. Answers
 * {@code <version> <class loader name>}; a POST reads its body first (so a test holds the request running by sending
 * the body late). Version {@code fail-load} throws when created, {@code fail-startup} fails its lifespan startup.
 * Lifespan startup and shutdown each create the file {@code <version>.<event>} in the directory named by the system
 * property {@code reloadtest.events}.
 */
public class ReloadTestApp implements Application {
    private final String version;

    public ReloadTestApp() throws IOException {
        try (InputStream in = ReloadTestApp.class.getResourceAsStream("version.txt")) {
            version = in == null ? "none" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (version.equals("fail-load")) {
            throw new IllegalStateException("version fail-load does not load");
        }
    }

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        switch (scope) {
            case LifespanScope lifespan -> {
                receive.receive();
                if (version.equals("fail-startup")) {
                    send.send(new LifespanStartupFailed("version fail-startup does not start"));
                    return;
                }
                record("startup");
                send.send(new LifespanStartupComplete());
                receive.receive();
                record("shutdown");
                send.send(new LifespanShutdownComplete());
            }
            case HttpScope http -> {
                if (http.method().equals("POST")) {
                    receive.receive();
                }
                String loader = String.valueOf(ReloadTestApp.class.getClassLoader().getName());
                String body = version + " " + loader; // ASCII: one byte per char
                send.send(new HttpResponseStart(200, List.of(Header.of("content-length",
                        Integer.toString(body.length())))));
                send.send(HttpResponseBody.of(body));
            }
            default -> throw new IllegalArgumentException("unsupported scope " + scope.type());
        }
    }

    private void record(String event) throws IOException {
        String dir = System.getProperty("reloadtest.events");
        if (dir != null) {
            Files.createFile(Path.of(dir, version + "." + event));
        }
    }
}
