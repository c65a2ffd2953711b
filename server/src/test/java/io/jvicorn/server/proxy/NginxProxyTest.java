package io.jvicorn.server.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.ConnectionScope;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import io.jvicorn.lifespan.LifespanMode;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real nginx in front of jvicorn, as teams deploy it: over TCP and over a unix socket, proxy headers trusted from
 * the proxy only, and a WebSocket through the proxy.
 */
class NginxProxyTest {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static Path dir;
    private static Server tcpServer;
    private static Server unixServer;
    private static Process nginx;
    private static int nginxPort;

    /** Answers "client scheme" over HTTP and echoes "client scheme: message" over WebSocket. */
    private static final Application WHO = (scope, receive, send) -> {
        if (scope instanceof HttpScope http) {
            byte[] body = describe(http).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            send.send(new HttpResponseStart(200, List.of(Header.of("content-length", Integer.toString(body.length)))));
            send.send(new HttpResponseBody(body));
        } else if (scope instanceof WebSocketScope ws) {
            receive.receive();
            send.send(new WebSocketAccept());
            if (receive.receive() instanceof WebSocketReceive message) {
                send.send(WebSocketSend.text(describe(ws) + ": " + message.text()));
            }
        } else {
            throw new IllegalArgumentException("unsupported scope");
        }
    };

    private static String describe(ConnectionScope scope) {
        return (scope.client() == null ? "-" : scope.client().host()) + " " + scope.scheme();
    }

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed");
        dir = Files.createTempDirectory("jvicorn-nginx");
        Path socket = dir.resolve("jvicorn.sock");
        tcpServer = start(b -> b.port(0));
        unixServer = start(b -> b.uds(socket.toString()).forwardedAllowIps("unix:"));
        nginxPort = LocalPorts.free();
        String upstream = """
                proxy_http_version 1.1;
                proxy_set_header Host $host;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_set_header X-Forwarded-Proto https;
                proxy_set_header Upgrade $http_upgrade;
                proxy_set_header Connection $connection_upgrade;
                """;
        String conf = """
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                    server {
                        listen 127.0.0.1:%2$d;
                        location /tcp/ { proxy_pass http://127.0.0.1:%3$d/; %4$s }
                        location /unix/ { proxy_pass http://unix:%5$s:/; %4$s }
                    }
                }
                """.formatted(dir, nginxPort, tcpServer.port(), upstream, socket);
        Files.writeString(dir.resolve("nginx.conf"), conf);
        nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off; master_process off;").redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> LocalPorts.accepts(nginxPort));
    }

    private static Server start(UnaryOperator<ServerConfig.Builder> configure) throws Exception {
        Server server = new Server(configure.apply(ServerConfig.builder(WHO).accessLog(false).lifespan(LifespanMode.OFF)
                .timeoutGracefulShutdown(Duration.ofSeconds(2))).build());
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.destroyForcibly();
        }
        if (tcpServer != null) {
            tcpServer.close();
        }
        if (unixServer != null) {
            unixServer.close();
        }
    }

    @Test
    void forwardedClientAndSchemeOverTcp() throws Exception {
        // nginx sends "X-Forwarded-For: 198.51.100.9, 127.0.0.1". The TCP server trusts 127.0.0.1, which is both nginx
        // and (in this test) nginx's client, so the walk from the right goes past it to the claimed address.
        assertEquals("198.51.100.9 https", get("/tcp/", "198.51.100.9"));
    }

    @Test
    void forwardedClientAndSchemeOverAUnixSocket() throws Exception {
        // The unix-socket server trusts only "unix:" (nginx): nginx's client 127.0.0.1 is the first untrusted hop
        // from the right, so its own claim is not believed.
        assertEquals("127.0.0.1 https", get("/unix/", "198.51.100.9"));
    }

    @Test
    void webSocketThroughTheProxy() throws Exception {
        for (String path : List.of("/tcp/ws", "/unix/ws")) {
            String client = path.startsWith("/tcp") ? "203.0.113.5" : "127.0.0.1";
            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("X-Forwarded-For", "203.0.113.5")
                    .buildAsync(URI.create("ws://127.0.0.1:" + nginxPort + path), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            reply.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("hello", true);
            assertEquals(client + " wss: hello", reply.get(10, TimeUnit.SECONDS), path);
            ws.abort();
        }
    }

    private static String get(String path, String claimedClient) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + nginxPort + path)).header("X-Forwarded-For", claimedClient).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
