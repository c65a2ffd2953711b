package io.jvicorn.testing;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.Application;
import io.jvicorn.lifespan.Lifespan;
import io.jvicorn.lifespan.LifespanFailedException;
import io.jvicorn.lifespan.LifespanMode;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Drives an {@link Application} in-process, as Starlette's {@code TestClient} drives an ASGI app: no server, no
 * sockets. Each request or WebSocket runs the application on its own virtual thread with the scope the server would
 * build ({@code http} or {@code websocket}, {@code testclient:50000} to {@code testserver:80}, a copy of the lifespan
 * state) and the server's rules for what the application sends ({@code io.jvicorn.asgi.rules}), so an application
 * that breaks the protocol fails here as it would in production.
 *
 * <pre>{@code
 * try (TestClient client = TestClient.of(app)) {          // lifespan startup now, shutdown on close
 *     TestResponse r = client.get("/hello");
 *     assertEquals(200, r.status());
 * }
 * }</pre>
 *
 * <p>By default an exception the application throws is rethrown to the test as {@link ApplicationFailedException}
 * (Starlette's {@code raise_server_exceptions=True}); with {@link Builder#raiseServerExceptions(boolean) false} the
 * test sees what a client of the server would: a 500.
 *
 * <p>Thread-safe: requests and WebSockets may run concurrently from several test threads.
 */
public final class TestClient implements AutoCloseable {
    private final Application app;
    private final Lifespan lifespan;
    private final TestScopes scopes;
    private final boolean raise;
    private final Duration timeout;

    private TestClient(Builder b) throws LifespanFailedException, InterruptedException {
        this.app = b.app;
        this.raise = b.raise;
        this.timeout = b.timeout;
        this.lifespan = new Lifespan(app, b.lifespan);
        Map<String, Object> state = lifespan.startup();
        this.scopes = new TestScopes(b.rootPath, b.client, b.server, state);
    }

    /**
     * A client with the defaults, its lifespan started ({@link LifespanMode#AUTO}, as the server's default).
     *
     * @param app the application under test
     * @return the started client
     * @throws LifespanFailedException if the application's startup failed
     */
    public static TestClient of(Application app) throws LifespanFailedException, InterruptedException {
        return builder(app).build();
    }

    /**
     * @param app the application under test
     * @return a builder for a client with other settings
     */
    public static Builder builder(Application app) {
        return new Builder(app);
    }

    /**
     * Sends a request and reads the whole response.
     *
     * @param request the request
     * @return the response, once the application returned
     * @throws ApplicationFailedException when the application failed, or returned without completing its response
     */
    public TestResponse request(TestRequest request) throws InterruptedException {
        TestResponse whole;
        try (StreamedResponse response = stream(request)) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] chunk : response.chunks()) {
                body.writeBytes(chunk);
            }
            whole = new TestResponse(response.status(), response.headers(), body.toByteArray(), response.trailers());
        } // closing waits for the application to return and rethrows its failure
        return whole;
    }

    /**
     * @param target path and query
     * @return the response to a GET
     */
    public TestResponse get(String target) throws InterruptedException {
        return request(TestRequest.get(target));
    }

    /**
     * @param target      path and query
     * @param contentType the body's media type
     * @param body        the body
     * @return the response to a POST
     */
    public TestResponse post(String target, String contentType, String body) throws InterruptedException {
        return request(TestRequest.post(target).header("content-type", contentType).body(body));
    }

    /**
     * Sends a request and returns once the response started; read its body with {@link StreamedResponse#nextChunk()}.
     * Close it (try-with-resources) to end the exchange: before the body's end that is a client disconnect.
     *
     * @param request the request
     * @return the response being streamed
     * @throws ApplicationFailedException when the application failed before starting its response
     */
    public StreamedResponse stream(TestRequest request) throws InterruptedException {
        HttpCall call = new HttpCall(app, scopes.http(request), request, false);
        return StreamedResponse.open(call, timeout, raise);
    }

    /**
     * Sends the request's body (its chunks, or nothing of a whole body) and goes away before its end: the
     * application's next receive returns {@code http.disconnect} and its sends fail with
     * {@code ClientDisconnectedException}. Waits for the application to return.
     *
     * @param request the request
     * @throws ApplicationFailedException when the application failed (with {@code raiseServerExceptions}), or did
     *                                    not return within the timeout (it is then interrupted)
     */
    public void sendAndDisconnect(TestRequest request) throws InterruptedException {
        HttpCall call = new HttpCall(app, scopes.http(request), request, true);
        call.start();
        if (!call.awaitReturn(timeout)) {
            throw new ApplicationFailedException("the application did not return within " + timeout
                    + " after the client disconnected from " + call + "; it was interrupted");
        }
        Throwable failure = call.failure();
        if (failure != null && raise) {
            throw new ApplicationFailedException("the application failed on " + call, failure);
        }
    }

    /**
     * Opens a WebSocket: returns once the application accepted.
     *
     * @param target       path and query
     * @param subprotocols the subprotocols offered, in order of preference
     * @return the open socket
     * @throws WebSocketDeniedException   when the application refused the handshake (403, or its denial response)
     * @throws ApplicationFailedException when it failed or returned without answering the handshake
     */
    public TestWebSocket websocket(String target, String... subprotocols) throws InterruptedException {
        return websocket(TestRequest.get(target), subprotocols);
    }

    /**
     * Opens a WebSocket with the request's headers (its body is ignored).
     *
     * @param request      the handshake request
     * @param subprotocols the subprotocols offered
     * @return the open socket
     */
    public TestWebSocket websocket(TestRequest request, String... subprotocols) throws InterruptedException {
        WebSocketCall call = new WebSocketCall(app, scopes.webSocket(request, List.of(subprotocols)));
        return TestWebSocket.open(call, timeout, raise);
    }

    /**
     * The lifespan state the application filled at startup; each scope gets a shallow copy.
     *
     * @return the state map
     */
    public Map<String, Object> state() {
        return lifespan.state();
    }

    /**
     * Runs the lifespan shutdown.
     *
     * @throws LifespanFailedException if the application's shutdown failed
     */
    @Override
    public void close() throws LifespanFailedException {
        try {
            lifespan.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lifespan shutdown", e);
        }
    }

    /** Settings of a {@link TestClient}. */
    public static final class Builder {
        private final Application app;
        private LifespanMode lifespan = LifespanMode.AUTO;
        private boolean raise = true;
        private Duration timeout = Duration.ofSeconds(30);
        private String rootPath = "";
        private Address client = new Address("testclient", 50000);
        private Address server = new Address("testserver", 80);

        private Builder(Application app) {
            this.app = Objects.requireNonNull(app, "app");
        }

        /**
         * @param mode whether to run the lifespan protocol ({@link LifespanMode#AUTO} by default)
         * @return this
         */
        public Builder lifespan(LifespanMode mode) {
            this.lifespan = Objects.requireNonNull(mode);
            return this;
        }

        /**
         * @param raise whether an application's exception is rethrown to the test (true, the default) or answered
         *              with a 500 as the server would
         * @return this
         */
        public Builder raiseServerExceptions(boolean raise) {
            this.raise = raise;
            return this;
        }

        /**
         * @param limit how long the client waits for the application's next send before it interrupts it and fails
         *              the test (30 s by default): a guard against a hung application, not a timing assertion
         * @return this
         */
        public Builder timeout(Duration limit) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + limit);
            }
            this.timeout = limit;
            return this;
        }

        /**
         * @param path the scope's {@code root_path} (the server's {@code --root-path}), no trailing slash
         * @return this
         */
        public Builder rootPath(String path) {
            if (path.endsWith("/")) {
                throw new IllegalArgumentException("root path must not end with '/': '" + path + "'");
            }
            this.rootPath = path;
            return this;
        }

        /**
         * @param address the scope's {@code client} ({@code testclient:50000} by default)
         * @return this
         */
        public Builder client(Address address) {
            this.client = Objects.requireNonNull(address);
            return this;
        }

        /**
         * @param address the scope's {@code server}, also the {@code host} header ({@code testserver:80} by default)
         * @return this
         */
        public Builder server(Address address) {
            this.server = Objects.requireNonNull(address);
            return this;
        }

        /**
         * Starts the client: runs the lifespan startup.
         *
         * @return the client; close it to run the shutdown
         * @throws LifespanFailedException if the application's startup failed
         */
        public TestClient build() throws LifespanFailedException, InterruptedException {
            return new TestClient(this);
        }
    }
}
