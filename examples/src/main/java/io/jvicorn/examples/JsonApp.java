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
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Answers {@code {"message":"Hello, World!"}} as {@code application/json}, the JSON benchmark app.
 *
 * <p>{@code POST /json} instead describes the request: {@code {"method":…,"path":…,"query":…,"headers":N}}, where
 * {@code headers} is the number of request header fields. The request body is read and ignored.
 */
public final class JsonApp implements Application {
    private static final String CONTENT_TYPE = "application/json";
    private static final byte[] HELLO = "{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.US_ASCII);
    private static final HttpResponseStart HELLO_START = start(HELLO.length);
    private static final HttpResponseBody HELLO_BODY = new HttpResponseBody(HELLO, false);

    /** Creates the application; it has no state. */
    public JsonApp() {
    }

    /**
     * Sends the greeting, or the request description for {@code POST /json}.
     *
     * @throws IllegalArgumentException for websocket and lifespan scopes
     */
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (!(scope instanceof HttpScope http)) {
            throw UnsupportedScopes.reject(JsonApp.class, scope);
        }
        if (http.method().equals("POST") && http.path().equals("/json")) {
            if (!drainBody(receive)) {
                return;
            }
            byte[] body = describe(http).getBytes(StandardCharsets.UTF_8);
            send.send(start(body.length));
            send.send(new HttpResponseBody(body, false));
            return;
        }
        send.send(HELLO_START);
        send.send(HELLO_BODY);
    }

    /** @return false if the client disconnected before the body ended */
    private static boolean drainBody(Receive receive) throws Exception {
        while (true) {
            ReceiveEvent event = receive.receive();
            if (event instanceof HttpDisconnect) {
                return false;
            }
            if (!((HttpRequest) event).moreBody()) {
                return true;
            }
        }
    }

    static String describe(HttpScope http) {
        StringBuilder json = new StringBuilder(96).append("{\"method\":");
        JsonText.quote(json, http.method()).append(",\"path\":");
        JsonText.quote(json, http.path()).append(",\"query\":");
        JsonText.quote(json, http.query()).append(",\"headers\":");
        return json.append(http.headers().size()).append('}').toString();
    }

    private static HttpResponseStart start(int contentLength) {
        return new HttpResponseStart(200, List.of(
                Header.of("content-type", CONTENT_TYPE),
                Header.of("content-length", Integer.toString(contentLength))));
    }
}
