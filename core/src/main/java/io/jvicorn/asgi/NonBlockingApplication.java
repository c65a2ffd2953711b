package io.jvicorn.asgi;

/**
 * An application whose HTTP handling never waits, like a Netty handler: it computes its response from the request
 * and sends it, without blocking I/O, locks or sleeps of its own, and without waiting in {@link Receive#receive()}.
 *
 * <p>For such an application the server answers requests without a body directly on the selector loop thread that
 * read them, which saves the hand-off to a virtual thread: on small requests that hand-off is a large part of the
 * server's work. Everything else (requests with a body, WebSocket and lifespan scopes) still runs on virtual threads.
 * Run inline, the application may call {@code receive()} once (it returns the empty body); a second call, which would
 * have to wait, and {@link HttpResponsePathsend} (disk I/O) fail with {@link IllegalStateException}. A blocking call in
 * an inline application stalls every connection of its loop, so only mark applications that truly never block.
 */
public interface NonBlockingApplication extends Application {
}
