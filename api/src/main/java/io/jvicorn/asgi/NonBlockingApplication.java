package io.jvicorn.asgi;

/**
 * An application whose HTTP handling never waits, like a Netty handler: it computes its response from the request
 * and sends it, without blocking I/O, locks or sleeps of its own, and without waiting in {@link Receive#receive()}.
 *
 * <p>For such an application the server answers a request directly on the selector loop thread that read it when
 * the whole request is at hand (no body, or a small body that arrived with the head), which saves the hand-off to a
 * virtual thread: on small requests that hand-off is a large part of the server's work. Everything else (bodies still
 * arriving, WebSocket and lifespan scopes) runs on virtual threads. Run inline, {@code receive()} returns the body's
 * parts; a call that would have to wait, and {@link HttpResponsePathsend} (disk I/O), fail with
 * {@link IllegalStateException}. A blocking call in an inline application stalls every connection of its loop, so only
 * mark applications that truly never block.
 */
public interface NonBlockingApplication extends Application {
}
