package io.jvicorn.spring.webflux;

import io.jvicorn.asgi.ClientDisconnectedException;
import io.jvicorn.asgi.HttpDisconnect;
import io.jvicorn.asgi.HttpRequest;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.http.HttpSyntax;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The receiving side of one exchange: the request body as a {@code Flux<DataBuffer>} and, for streamed responses, a
 * watch for the client going away.
 *
 * <p>The body is back-pressured end to end: each unit of demand is one {@code receive()} (empty parts are skipped),
 * made on a virtual thread of {@link #RECEIVERS} because it blocks; nothing is read ahead, and the server stops
 * reading the socket while the application does not ask (its own bounded body buffer). {@code receive()} is never
 * called by two threads at once: the watch starts only once the body has ended.
 */
final class RequestReader {
    /** Runs the blocking receives: a virtual thread per task, each subscription's tasks in order (trampolined). */
    static final Scheduler RECEIVERS = Schedulers.fromExecutor(
            task -> Thread.ofVirtual().name("jvicorn-webflux-receive").start(task), true);

    private final Receive receive;
    private final DataBufferFactory buffers;
    private final boolean hasBody;
    private final Runnable onDisconnect;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    // Guarded by this: the watch starts once both are true, exactly once.
    private boolean bodyEnded;
    private boolean watchWanted;
    private boolean watching;
    /** Set by the application thread once the response is complete: a disconnect after it is the normal end. */
    private volatile boolean responseDone;

    /**
     * @param scope        the request's scope: whether it has a body at all
     * @param receive      the server's receive
     * @param buffers      wraps received bytes
     * @param onDisconnect called (on a receiving thread) when the client leaves before the response is complete
     */
    RequestReader(HttpScope scope, Receive receive, DataBufferFactory buffers, Runnable onDisconnect) {
        this.receive = receive;
        this.buffers = buffers;
        this.onDisconnect = onDisconnect;
        String length = scope.header("content-length");
        this.hasBody = scope.header("transfer-encoding") != null
                || (length != null && HttpSyntax.contentLength(length) != 0);
    }

    /** @return the request body, which may be subscribed once */
    Flux<DataBuffer> body() {
        if (!hasBody) {
            return Flux.empty();
        }
        return Flux.defer(() -> subscribed.compareAndSet(false, true)
                ? Flux.<DataBuffer>generate(this::next).subscribeOn(RECEIVERS)
                : Flux.error(new IllegalStateException("the request body can be read only once")));
    }

    /** One unit of demand: receives until a non-empty part, the end, or the disconnect. */
    private void next(SynchronousSink<DataBuffer> sink) {
        try {
            while (true) {
                ReceiveEvent event = receive.receive();
                if (event instanceof HttpRequest part) {
                    if (part.body().length > 0) {
                        sink.next(buffers.wrap(part.body()));
                    }
                    if (!part.moreBody()) {
                        sink.complete();
                        ended();
                        return;
                    }
                    if (part.body().length > 0) {
                        return;
                    }
                } else if (event instanceof HttpDisconnect) {
                    sink.error(new ClientDisconnectedException("the client went away before the request body ended"));
                    onDisconnect.run();
                    return;
                } else {
                    sink.error(new IllegalStateException("unexpected " + event.type() + " in an http scope"));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.error(e);
        } catch (Exception e) {
            sink.error(e);
        }
    }

    /**
     * A streamed response began: watch for the client leaving, so that the handler (an endless server-sent event
     * stream, say) is cancelled then rather than at its next write. Starts once the body has been read (at once for a
     * request without one).
     */
    void watchForDisconnect() {
        boolean start;
        synchronized (this) {
            watchWanted = true;
            start = (bodyEnded || !hasBody) && !watching;
            watching |= start;
        }
        if (start) {
            Thread.ofVirtual().name("jvicorn-webflux-watch").start(this::watch);
        }
    }

    /** The response is complete: the disconnect the server reports from now on is the exchange's normal end. */
    void responseDone() {
        responseDone = true;
    }

    private void ended() {
        boolean start;
        synchronized (this) {
            bodyEnded = true;
            start = watchWanted && !watching;
            watching |= start;
        }
        if (start) {
            Thread.ofVirtual().name("jvicorn-webflux-watch").start(this::watch);
        }
    }

    /** Blocks in receive until the server reports the end: the response completed, or the client left. */
    private void watch() {
        try {
            ReceiveEvent event = receive.receive();
            while (event instanceof HttpRequest) {
                event = receive.receive(); // the empty end of a request without a body
            }
            if (!responseDone) {
                onDisconnect.run();
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!responseDone) {
                onDisconnect.run(); // the server cancelled the exchange
            }
        }
    }
}
