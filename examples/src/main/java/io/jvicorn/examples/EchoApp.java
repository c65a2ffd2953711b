package io.jvicorn.examples;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import java.util.List;

/**
 * Streams the request body back as the response body, chunk by chunk, with the request's {@code content-type} (or
 * {@code application/octet-stream}). The response has no {@code content-length}, so HTTP/1.1 sends it chunked.
 */
public final class EchoApp implements Application {
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    private static final HttpResponseBody END = new HttpResponseBody(new byte[0], false);

    /** Creates the application; it has no state. */
    public EchoApp() {
    }

    /**
     * Echoes the body: one {@code http.response.body} with {@code more_body} per non-empty request chunk, then an
     * empty final one. Returns early if the client disconnects.
     *
     * @throws IllegalArgumentException for websocket and lifespan scopes
     */
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (!(scope instanceof HttpScope http)) {
            throw UnsupportedScopes.reject(EchoApp.class, scope);
        }
        String contentType = http.header("content-type");
        boolean started = false;
        while (true) {
            // Receive before starting the response: a client that sent "Expect: 100-continue" gets its 100 this way
            // instead of a final status that would tell it not to send the body.
            ReceiveEvent event = receive.receive();
            if (event instanceof HttpDisconnect) {
                return;
            }
            HttpRequest chunk = (HttpRequest) event;
            if (!started) {
                send.send(new HttpResponseStart(200, List.of(
                        Header.of("content-type", contentType != null ? contentType : DEFAULT_CONTENT_TYPE))));
                started = true;
            }
            if (chunk.body().length > 0) {
                send.send(new HttpResponseBody(chunk.body(), true));
            }
            if (!chunk.moreBody()) {
                break;
            }
        }
        send.send(END);
    }
}
