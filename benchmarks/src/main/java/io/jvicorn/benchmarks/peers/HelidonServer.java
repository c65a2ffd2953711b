package io.jvicorn.benchmarks.peers;

import io.helidon.common.buffers.BufferData;
import io.jvicorn.benchmarks.db.Database;
import io.jvicorn.benchmarks.db.FortunesPage;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Helidon SE 4 WebServer serving {@link Workloads} with its defaults: a virtual thread per request, no reactive layer,
 * and so the database workloads' JDBC calls too when {@code --db} is given. Content types are cached header values;
 * {@code send(byte[])} adds the Content-Length. HTTP/2 cleartext by prior knowledge is served on the same port
 * (helidon-webserver-http2 on the class path), and connections have TCP_NODELAY. Its only thread knob is the virtual-thread carriers (set by
 * benchmarks/run with the JDK's property), so {@code --loops} is refused.
 */
public final class HelidonServer {
    private static final Header TEXT_PLAIN = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, Workloads.TEXT_PLAIN);
    private static final Header JSON = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, Workloads.APPLICATION_JSON);
    private static final Header OCTET_STREAM =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, Workloads.OCTET_STREAM);
    private static final Header HTML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, FortunesPage.CONTENT_TYPE);

    private HelidonServer() {
    }

    /**
     * Serves until the process is stopped.
     *
     * @param args see {@link ServerArgs}
     * @throws Exception if the database cannot be reached
     */
    public static void main(String[] args) throws Exception {
        ServerArgs a = ServerArgs.parse(args);
        if (a.loops() > 0) {
            throw new IllegalArgumentException("Helidon has no event loops: set its carriers with "
                    + "-Djdk.virtualThreadScheduler.parallelism");
        }
        Database db = a.db() == null ? null : new Database(a.db(), a.dbPool());
        WebServer server = WebServer.builder()
                .host(a.host())
                .port(a.port())
                .backlog(2048)
                .idleConnectionTimeout(Duration.ofMinutes(2))
                // Without it Helidon's h2 answers about 3x fewer requests/s here (issue 16); Netty, Jetty and jvicorn
                // set it too.
                .connectionOptions(o -> o.tcpNoDelay(true))
                .routing(r -> r
                        .get(Workloads.PLAINTEXT_PATH, fixed(TEXT_PLAIN, Workloads.PLAINTEXT))
                        .get(Workloads.JSON_PATH, fixed(JSON, Workloads.JSON))
                        .get(Workloads.BODY_10K_PATH, fixed(OCTET_STREAM, Workloads.BODY_10K))
                        .get(Workloads.BODY_1M_PATH, fixed(OCTET_STREAM, Workloads.BODY_1M))
                        .post(Workloads.ECHO_PATH, (req, res) ->
                                res.header(OCTET_STREAM).send(req.content().as(byte[].class)))
                        .update(rules -> database(rules, db)))
                .addRouting(WsRouting.builder().endpoint(Workloads.WEBSOCKET_PATH, new Echo()))
                .build()
                .start();
        if (!server.isRunning()) {
            throw new IllegalStateException("Helidon did not start");
        }
        a.announce("helidon", "carriers=" + ServerArgs.carriers());
    }

    private static void database(HttpRules rules, @Nullable Database db) {
        if (db != null) {
            rules.get(Workloads.DB_PATH, (req, res) -> res.header(JSON).send(db.randomWorld().json()))
                    .get(Workloads.FORTUNES_PATH, (req, res) ->
                            res.header(HTML).send(FortunesPage.render(db.fortunes())));
        }
    }

    private static Handler fixed(Header contentType, byte[] body) {
        return (req, res) -> res.header(contentType).send(body);
    }

    /** Sends every message back as it came. */
    private static final class Echo implements WsListener {
        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            session.send(text, last);
        }

        @Override
        public void onMessage(WsSession session, BufferData buffer, boolean last) {
            session.send(buffer, last);
        }
    }
}
