package io.jvicorn.examples;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Answers every HTTP request with {@code 200 Hello, world!} as {@code text/plain}, the plaintext benchmark app.
 *
 * <p>Both messages are built once and reused: messages are immutable, so a request allocates nothing here.
 */
public final class HelloApp implements Application {
    private static final byte[] BODY = "Hello, world!".getBytes(StandardCharsets.US_ASCII);
    private static final HttpResponseStart START = new HttpResponseStart(200, List.of(
            Header.of("content-type", "text/plain"),
            Header.of("content-length", Integer.toString(BODY.length))));
    private static final HttpResponseBody RESPONSE_BODY = new HttpResponseBody(BODY, false);

    /** Creates the application; it has no state. */
    public HelloApp() {
    }

    /**
     * Sends the greeting.
     *
     * @throws IllegalArgumentException for websocket and lifespan scopes
     */
    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        if (!(scope instanceof HttpScope)) {
            throw UnsupportedScopes.reject(HelloApp.class, scope);
        }
        send.send(START);
        send.send(RESPONSE_BODY);
    }
}
