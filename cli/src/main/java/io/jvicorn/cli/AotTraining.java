package io.jvicorn.cli;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run behind the launcher's AOT cache (JDK 25's {@code -XX:AOTCacheOutput}), made when the command is
 * built: the real command starts as a user starts it, serves {@link #app} on a free port to a client that sends
 * {@value #REQUESTS} requests, and {@code --limit-max-requests} shuts it down. The cache then holds the classes that
 * start-up and the first responses load and link, already parsed and linked, with their method profiles.
 */
public final class AotTraining {
    private static final int REQUESTS = 300;
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nhost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What the training run serves: a fixed text, as a hello world does; lifespan is left unsupported. */
    public static final Application app = (scope, receive, send) -> {
        if (!(scope instanceof HttpScope)) {
            throw new IllegalArgumentException("http only");
        }
        send.send(new HttpResponseStart(200, List.of(Header.of("content-type", "text/plain"),
                Header.of("content-length", "5"))));
        send.send(new HttpResponseBody("hello".getBytes(StandardCharsets.US_ASCII)));
    };

    private AotTraining() {
    }

    /**
     * Runs the command against its own client, then records which Java did it, so that the launcher uses the cache only
     * with that Java (another one would reject it).
     *
     * @param args the file to write the Java version to
     * @throws Exception if no free port can be found or the file cannot be written
     */
    public static void main(String[] args) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Thread.ofPlatform().daemon().name("aot-training-client").start(() -> requests(port));
        int status = new Main(System.getenv(), System.out, System.err).execute(new String[] {
            "io.jvicorn.cli.AotTraining:app", "--port", Integer.toString(port), "--lifespan", "off",
            "--limit-max-requests", Integer.toString(REQUESTS), "--no-access-log", "--log-level", "warning"});
        if (status != 0) {
            System.exit(status);
        }
        Files.writeString(Path.of(args[0]), System.getProperty("java.version") + "\n");
    }

    /** Connects once the command listens, then sends the requests on one keep-alive connection. */
    private static void requests(int port) {
        for (int attempt = 0; attempt < 600; attempt++) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                byte[] response = new byte[4096];
                for (int i = 0; i < REQUESTS; i++) {
                    out.write(REQUEST);
                    if (in.read(response) < 0) {
                        return; // the server stopped after its last request
                    }
                }
                return;
            } catch (IOException notYetListening) {
                try {
                    Thread.sleep(50); // the command is still starting: try again shortly
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
