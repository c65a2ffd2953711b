package io.jvicorn.benchmarks.peers;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.LifespanShutdown;
import io.jvicorn.asgi.LifespanShutdownComplete;
import io.jvicorn.asgi.LifespanStartup;
import io.jvicorn.asgi.LifespanStartupComplete;
import io.jvicorn.asgi.NonBlockingApplication;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketConnect;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * jvicorn's side of the comparison: serves {@link Workloads} (and echoes WebSocket messages on {@code /ws}).
 *
 * <p>Every fixed response is two immutable messages built once, so a GET allocates nothing in the application; the
 * echo gathers the body and answers with a Content-Length, as the peers do.
 */
public final class BenchApp implements NonBlockingApplication {
    private static final Fixed PLAINTEXT = new Fixed(Workloads.TEXT_PLAIN, Workloads.PLAINTEXT);
    private static final Fixed JSON = new Fixed(Workloads.APPLICATION_JSON, Workloads.JSON);
    private static final Fixed BODY_10K = new Fixed(Workloads.OCTET_STREAM, Workloads.BODY_10K);
    private static final Fixed BODY_1M = new Fixed(Workloads.OCTET_STREAM, Workloads.BODY_1M);
    private static final Fixed NOT_FOUND = new Fixed(Workloads.TEXT_PLAIN, 404,
            "Not Found".getBytes(StandardCharsets.US_ASCII));
    private static final Header OCTET_STREAM = Header.of("content-type", Workloads.OCTET_STREAM);
    private static final LifespanStartupComplete STARTED = new LifespanStartupComplete();
    private static final LifespanShutdownComplete STOPPED = new LifespanShutdownComplete();

    /** A precomputed response. */
    private record Fixed(HttpResponseStart start, HttpResponseBody body) {
        Fixed(String contentType, byte[] body) {
            this(contentType, 200, body);
        }

        Fixed(String contentType, int status, byte[] body) {
            this(new HttpResponseStart(status, List.of(
                            Header.of("content-type", contentType),
                            Header.of("content-length", Integer.toString(body.length)))),
                    new HttpResponseBody(body, false));
        }

        void sendTo(Send send) throws Exception {
            send.send(start);
            send.send(body);
        }
    }

    /** Creates the application; it has no state. */
    public BenchApp() {
    }

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        switch (scope) {
            case HttpScope http -> http(http, receive, send);
            case WebSocketScope ws -> webSocket(ws, receive, send);
            case LifespanScope ignored -> lifespan(receive, send);
            default -> throw new IllegalArgumentException("unsupported scope " + scope.type());
        }
    }

    private static void http(HttpScope http, Receive receive, Send send) throws Exception {
        switch (http.path()) {
            case Workloads.PLAINTEXT_PATH -> PLAINTEXT.sendTo(send);
            case Workloads.JSON_PATH -> JSON.sendTo(send);
            case Workloads.BODY_10K_PATH -> BODY_10K.sendTo(send);
            case Workloads.BODY_1M_PATH -> BODY_1M.sendTo(send);
            case Workloads.ECHO_PATH -> echo(receive, send);
            default -> NOT_FOUND.sendTo(send);
        }
    }

    private static void echo(Receive receive, Send send) throws Exception {
        byte[] body = readBody(receive);
        if (body == null) {
            return;
        }
        send.send(new HttpResponseStart(200, List.of(OCTET_STREAM,
                Header.of("content-length", Integer.toString(body.length)))));
        send.send(new HttpResponseBody(body, false));
    }

    /** The whole request body, or null if the client went away. One chunk (the usual case) is used as it is. */
    private static byte @Nullable [] readBody(Receive receive) throws Exception {
        ByteArrayOutputStream gathered = null;
        while (true) {
            ReceiveEvent event = receive.receive();
            if (event instanceof HttpDisconnect) {
                return null;
            }
            HttpRequest part = (HttpRequest) event;
            if (gathered == null && !part.moreBody()) {
                return part.body();
            }
            if (gathered == null) {
                gathered = new ByteArrayOutputStream(16 * 1024);
            }
            gathered.write(part.body());
            if (!part.moreBody()) {
                return gathered.toByteArray();
            }
        }
    }

    private static void webSocket(WebSocketScope ws, Receive receive, Send send) throws Exception {
        if (!(receive.receive() instanceof WebSocketConnect)) {
            return;
        }
        send.send(new WebSocketAccept());
        while (true) {
            ReceiveEvent event = receive.receive();
            if (event instanceof WebSocketReceive message) {
                send.send(new WebSocketSend(message.bytes(), message.text()));
            } else if (event instanceof WebSocketDisconnect) {
                return;
            }
        }
    }

    private static void lifespan(Receive receive, Send send) throws Exception {
        while (true) {
            ReceiveEvent event = receive.receive();
            if (event instanceof LifespanStartup) {
                send.send(STARTED);
            } else if (event instanceof LifespanShutdown) {
                send.send(STOPPED);
                return;
            }
        }
    }
}
