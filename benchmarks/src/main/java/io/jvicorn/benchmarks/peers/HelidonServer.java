package io.jvicorn.benchmarks.peers;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.time.Duration;

/**
 * Helidon SE 4 WebServer serving {@link Workloads} with its defaults: a virtual thread per request, no reactive layer.
 * Content types are cached header values; {@code send(byte[])} adds the Content-Length.
 */
public final class HelidonServer {
    private static final Header TEXT_PLAIN = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, Workloads.TEXT_PLAIN);
    private static final Header JSON = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, Workloads.APPLICATION_JSON);
    private static final Header OCTET_STREAM =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, Workloads.OCTET_STREAM);

    private HelidonServer() {
    }

    /**
     * Serves until the process is stopped.
     *
     * @param args see {@link ServerArgs}
     */
    public static void main(String[] args) {
        ServerArgs a = ServerArgs.parse(args);
        WebServer server = WebServer.builder()
                .host(a.host())
                .port(a.port())
                .backlog(2048)
                .idleConnectionTimeout(Duration.ofMinutes(2))
                .routing(r -> r
                        .get(Workloads.PLAINTEXT_PATH, fixed(TEXT_PLAIN, Workloads.PLAINTEXT))
                        .get(Workloads.JSON_PATH, fixed(JSON, Workloads.JSON))
                        .get(Workloads.BODY_10K_PATH, fixed(OCTET_STREAM, Workloads.BODY_10K))
                        .get(Workloads.BODY_1M_PATH, fixed(OCTET_STREAM, Workloads.BODY_1M))
                        .post(Workloads.ECHO_PATH, (req, res) ->
                                res.header(OCTET_STREAM).send(req.content().as(byte[].class))))
                .addRouting(WsRouting.builder().endpoint(Workloads.WEBSOCKET_PATH, new Echo()))
                .build()
                .start();
        if (!server.isRunning()) {
            throw new IllegalStateException("Helidon did not start");
        }
        a.announce("helidon");
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
