package io.jvicorn.benchmarks.peers;

import io.jvicorn.benchmarks.db.Database;
import io.jvicorn.benchmarks.db.FortunesPage;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;

/**
 * Jetty 12 (core API, no servlets) serving {@link Workloads}, with virtual threads enabled: selectors run on the
 * platform pool ({@code --loops N} of them, else Jetty's default), the blocking handler on virtual threads, and so do
 * the database workloads' JDBC calls when {@code --db} is given. Responses are pre-encoded header fields and read-only
 * views of shared buffers. HTTP/2 cleartext by prior knowledge on the same connector
 * ({@code HTTP2CServerConnectionFactory}) for the h2 workloads.
 */
public final class JettyServer {
    private static final PreEncodedHttpField TEXT_PLAIN =
            new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, Workloads.TEXT_PLAIN);
    private static final PreEncodedHttpField JSON =
            new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, Workloads.APPLICATION_JSON);
    private static final PreEncodedHttpField OCTET_STREAM =
            new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, Workloads.OCTET_STREAM);
    private static final PreEncodedHttpField HTML =
            new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, FortunesPage.CONTENT_TYPE);
    private static final ByteBuffer PLAINTEXT = direct(Workloads.PLAINTEXT);
    private static final ByteBuffer JSON_BODY = direct(Workloads.JSON);
    private static final ByteBuffer BODY_10K = direct(Workloads.BODY_10K);
    private static final ByteBuffer BODY_1M = direct(Workloads.BODY_1M);

    private JettyServer() {
    }

    /**
     * Serves until the process is stopped.
     *
     * @param args see {@link ServerArgs}
     * @throws Exception if Jetty cannot start
     */
    public static void main(String[] args) throws Exception {
        ServerArgs a = ServerArgs.parse(args);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetty");
        threads.setVirtualThreadsExecutor(VirtualThreads.getDefaultVirtualThreadsExecutor());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        Database db = a.db() == null ? null : new Database(a.db(), a.dbPool());
        // -1: Jetty's default number of acceptors, and of selectors unless --loops says.
        // HTTP/1.1 first; a connection that opens with the HTTP/2 preface is handed to h2c (prior knowledge).
        ServerConnector connector = new ServerConnector(server, -1, a.loops() > 0 ? a.loops() : -1,
                new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
        connector.setHost(a.host());
        connector.setPort(a.port());
        connector.setAcceptQueueSize(2048);
        connector.setIdleTimeout(120_000);
        server.addConnector(connector);
        WebSocketUpgradeHandler webSocket = WebSocketUpgradeHandler.from(server, container ->
                container.addMapping(Workloads.WEBSOCKET_PATH, (request, response, callback) -> new Echo()));
        webSocket.setHandler(new Workload(db));
        server.setHandler(webSocket);
        server.setStopAtShutdown(true);
        server.start();
        a.announce("jetty", "selectors=" + connector.getSelectorManager().getSelectorCount()
                + " carriers=" + ServerArgs.carriers());
        server.join();
    }

    private static ByteBuffer direct(byte[] body) {
        return ByteBuffer.allocateDirect(body.length).put(body).flip().asReadOnlyBuffer();
    }

    /** The HTTP workloads; blocking, so Jetty runs it on a virtual thread. */
    private static final class Workload extends Handler.Abstract {
        private final @Nullable Database db;

        Workload(@Nullable Database db) {
            this.db = db;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            switch (path) {
                case Workloads.PLAINTEXT_PATH -> send(response, TEXT_PLAIN, PLAINTEXT.slice(), callback);
                case Workloads.JSON_PATH -> send(response, JSON, JSON_BODY.slice(), callback);
                case Workloads.BODY_10K_PATH -> send(response, OCTET_STREAM, BODY_10K.slice(), callback);
                case Workloads.BODY_1M_PATH -> send(response, OCTET_STREAM, BODY_1M.slice(), callback);
                case Workloads.ECHO_PATH -> send(response, OCTET_STREAM, Content.Source.asByteBuffer(request), callback);
                case Workloads.DB_PATH -> {
                    if (db == null) {
                        notFound(response, callback);
                    } else {
                        send(response, JSON, ByteBuffer.wrap(db.randomWorld().json()), callback);
                    }
                }
                case Workloads.FORTUNES_PATH -> {
                    if (db == null) {
                        notFound(response, callback);
                    } else {
                        send(response, HTML, ByteBuffer.wrap(FortunesPage.render(db.fortunes())), callback);
                    }
                }
                default -> notFound(response, callback);
            }
            return true;
        }

        private static void notFound(Response response, Callback callback) {
            response.setStatus(HttpStatus.NOT_FOUND_404);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
            response.write(true, null, callback);
        }

        private static void send(Response response, PreEncodedHttpField contentType, ByteBuffer body,
                                 Callback callback) {
            response.getHeaders().put(contentType);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
            response.write(true, body, callback);
        }
    }

    /** Sends every message back as it came. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private @Nullable Session session;

        /** Creates an endpoint for one connection. */
        public Echo() {
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String message) {
            Session s = session;
            if (s != null) {
                s.sendText(message, org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
            // The payload belongs to Jetty until the callback completes: send a copy.
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            callback.succeed();
            Session s = session;
            if (s != null) {
                s.sendBinary(copy, org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }
    }
}
