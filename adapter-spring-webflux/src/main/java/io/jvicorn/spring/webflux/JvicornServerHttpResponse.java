package io.jvicorn.spring.webflux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * WebFlux's {@code ServerHttpResponse} written through jvicorn's {@code send} (a {@link ResponseChannel}): the start with the status, headers
 * and cookies once the first buffer (or the end) is there, then every buffer as its own {@code http.response.body}
 * with {@code more_body}, which the server flushes, so server-sent events leave one by one. A {@code Mono} body is
 * one final part, so the server frames it with a {@code content-length}.
 *
 * <p>Every send runs on the application thread through the {@link ExchangeLoop}; a writer has at most
 * {@link #PREFETCH} buffers requested and not yet sent (the socket's back-pressure reaches the publisher). The fields
 * below the constructor belong to that thread.
 */
final class JvicornServerHttpResponse extends AbstractServerHttpResponse {
    private static final byte[] EMPTY = new byte[0];
    /**
     * Buffers a writer asks for ahead of the sends: enough that a timed source ({@code Flux.interval} behind server-sent
     * events) is not starved by the hop to the application thread, few enough to bound what waits in memory.
     */
    static final int PREFETCH = 32;

    private final ResponseChannel channel;
    private final ExchangeLoop loop;
    /** Behind {@link #getHeaders()}: read directly when the start is sent. */
    private final HeaderFields headers;
    private boolean started;
    private boolean ended;
    private @Nullable Throwable writeFailure;

    JvicornServerHttpResponse(DataBufferFactory buffers, ResponseChannel channel, ExchangeLoop loop) {
        this(buffers, channel, loop, new HeaderFields());
    }

    private JvicornServerHttpResponse(DataBufferFactory buffers, ResponseChannel channel, ExchangeLoop loop,
                                      HeaderFields headers) {
        super(buffers, new HttpHeaders(headers));
        this.channel = channel;
        this.loop = loop;
        this.headers = headers;
    }

    /** @return the channel the response is sent through: jvicorn has no response object of its own */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T getNativeResponse() {
        return (T) channel;
    }

    @Override
    protected void applyStatusCode() {
        // read when the start is sent
    }

    @Override
    protected void applyHeaders() {
        // read when the start is sent
    }

    @Override
    protected void applyCookies() {
        for (List<ResponseCookie> cookies : getCookies().values()) {
            for (ResponseCookie cookie : cookies) {
                getHeaders().add(HttpHeaders.SET_COOKIE, cookie.toString());
            }
        }
    }

    @Override
    protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
        boolean single = body instanceof Mono;
        if (!single) {
            channel.streaming();
        }
        return write(body, single, true);
    }

    @Override
    protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        channel.streaming();
        return Flux.from(body)
                .concatMap(part -> write(part, false, false), PREFETCH)
                .then(Mono.create(sink -> loop.execute(() -> {
                    try {
                        sendPart(EMPTY, false);
                        sink.success();
                    } catch (Exception e) {
                        failed(e);
                        sink.error(e);
                    }
                })));
    }

    private Mono<Void> write(Publisher<? extends DataBuffer> body, boolean single, boolean endsBody) {
        return Mono.create(sink -> body.subscribe(new PartWriter(sink, single, endsBody)));
    }

    /** Sends one publisher's buffers, one at a time, on the application thread. */
    private final class PartWriter implements CoreSubscriber<DataBuffer> {
        private final MonoSink<Void> sink;
        private final boolean single;
        private final boolean endsBody;
        private volatile @Nullable Subscription subscription;
        /** The handler was cancelled (the client left): queued buffers are dropped, no signal goes downstream. */
        private volatile boolean cancelled;
        // Application thread.
        private boolean sentAny;

        PartWriter(MonoSink<Void> sink, boolean single, boolean endsBody) {
            this.sink = sink;
            this.single = single;
            this.endsBody = endsBody;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            sink.onCancel(() -> {
                cancelled = true;
                s.cancel();
            });
            s.request(single ? 1 : PREFETCH);
        }

        @Override
        public void onNext(DataBuffer buffer) {
            byte[] bytes = bytes(buffer);
            loop.execute(() -> {
                if (cancelled) {
                    return;
                }
                try {
                    sendPart(bytes, !(single && endsBody));
                    sentAny = true;
                } catch (Exception e) {
                    cancel();
                    failed(e);
                    sink.error(e);
                    return;
                }
                Subscription s = subscription;
                if (s != null) {
                    s.request(1); // one sent, one more may wait: at most PREFETCH in flight
                }
            });
        }

        @Override
        public void onError(Throwable t) {
            loop.execute(() -> {
                if (!cancelled) {
                    failed(t);
                    sink.error(t);
                }
            });
        }

        @Override
        public void onComplete() {
            loop.execute(() -> {
                if (cancelled) {
                    return;
                }
                try {
                    if (endsBody && !(single && sentAny)) {
                        sendPart(EMPTY, false);
                    }
                    sink.success();
                } catch (Exception e) {
                    failed(e);
                    sink.error(e);
                }
            });
        }

        private void cancel() {
            cancelled = true;
            Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    /**
     * A buffer's bytes, released. The array of a heap buffer that holds exactly its readable bytes is taken as it is
     * (a {@code byte[]} body, Jackson's output): such a buffer is not pooled, so nothing reuses the array. Others are
     * copied.
     */
    static byte[] bytes(DataBuffer buffer) {
        if (buffer instanceof DefaultDataBuffer heap) {
            ByteBuffer b = heap.getNativeBuffer(); // a view of the readable bytes
            if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.limit() == b.array().length) {
                return b.array();
            }
        }
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    /** Application thread: a part of the body, after the start if it is not sent yet. */
    private void sendPart(byte[] bytes, boolean more) throws IOException, InterruptedException {
        if (!started) {
            sendStart();
        }
        if (!more) {
            ended = true;
        }
        channel.body(bytes, more);
    }

    private void sendStart() throws IOException, InterruptedException {
        started = true;
        HttpStatusCode status = getStatusCode();
        channel.start(status == null ? 200 : status.value(), headers.toHeaders());
    }

    private void failed(Throwable t) {
        if (writeFailure == null) {
            writeFailure = t;
        }
    }

    /**
     * Application thread, once the handler is done: completes a response the handler left open (no body written,
     * as after {@code setComplete()}), as Reactor Netty does when the handler's {@code Mono} completes.
     *
     * @throws Exception the failure of a body write: the response is cut off, so the server closes the connection
     */
    void finish() throws Exception {
        Throwable failure = writeFailure;
        if (failure != null) {
            if (failure instanceof Exception e) {
                throw e;
            }
            if (failure instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("the response body failed", failure);
        }
        if (!ended) {
            sendPart(EMPTY, false);
        }
    }
}
