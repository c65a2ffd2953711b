package io.jvicorn.spring.webflux;

import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.adapter.AbstractWebSocketSession;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.core.publisher.SynchronousSink;

/**
 * WebFlux's {@code WebSocketSession} on an accepted jvicorn WebSocket. Receiving is back-pressured as the request body
 * is (one {@code receive()} per unit of demand, on a virtual thread); sends run on the application thread, in order. Ping and pong messages a handler sends are dropped: ASGI has no such message, and the server answers the
 * client's pings itself.
 */
final class JvicornWebSocketSession extends AbstractWebSocketSession<WebSocketScope> {
    private final PendingWebSocket socket;
    private final AtomicBoolean receiving = new AtomicBoolean();
    private final Sinks.One<CloseStatus> closeStatus = Sinks.one();
    private volatile boolean open = true;

    JvicornWebSocketSession(PendingWebSocket socket, HandshakeInfo info) {
        super(socket.scope, Integer.toHexString(System.identityHashCode(socket)), info, socket.buffers);
        this.socket = socket;
    }

    @Override
    public Flux<WebSocketMessage> receive() {
        return Flux.defer(() -> receiving.compareAndSet(false, true)
                ? Flux.<WebSocketMessage>generate(this::next).subscribeOn(RequestReader.RECEIVERS)
                : Flux.error(new IllegalStateException("a WebSocket session's messages can be received once")));
    }

    private void next(SynchronousSink<WebSocketMessage> sink) {
        try {
            ReceiveEvent event = socket.receive.receive();
            switch (event) {
                case WebSocketReceive m -> {
                    String text = m.text();
                    sink.next(text != null
                            ? new WebSocketMessage(WebSocketMessage.Type.TEXT,
                                    bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8)))
                            : new WebSocketMessage(WebSocketMessage.Type.BINARY, bufferFactory().wrap(m.bytes())));
                }
                case WebSocketDisconnect d -> {
                    closed(new CloseStatus(d.code(), d.reason()));
                    sink.complete();
                }
                default -> sink.error(new IllegalStateException("unexpected " + event.type() + " on a WebSocket"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.error(e);
        } catch (Exception e) {
            sink.error(e);
        }
    }

    @Override
    public Mono<Void> send(Publisher<WebSocketMessage> messages) {
        return Mono.create(sink -> messages.subscribe(new MessageWriter(sink)));
    }

    /** Sends messages in order on the application thread, at most {@code PREFETCH} requested ahead. */
    private final class MessageWriter implements CoreSubscriber<WebSocketMessage> {
        private final MonoSink<Void> sink;
        private volatile @Nullable Subscription subscription;
        private volatile boolean cancelled;

        MessageWriter(MonoSink<Void> sink) {
            this.sink = sink;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            sink.onCancel(() -> {
                cancelled = true;
                s.cancel();
            });
            s.request(JvicornServerHttpResponse.PREFETCH);
        }

        @Override
        public void onNext(WebSocketMessage message) {
            WebSocketSend out = switch (message.getType()) {
                case TEXT -> WebSocketSend.text(message.getPayloadAsText(StandardCharsets.UTF_8));
                case BINARY -> {
                    byte[] bytes = new byte[message.getPayload().readableByteCount()];
                    message.getPayload().read(bytes);
                    yield WebSocketSend.bytes(bytes);
                }
                case PING, PONG -> null;
            };
            DataBufferUtils.release(message.getPayload());
            socket.loop.execute(() -> {
                if (cancelled) {
                    return;
                }
                Subscription s = subscription;
                try {
                    if (out != null) {
                        socket.send.send(out);
                    }
                } catch (Exception e) {
                    cancelled = true;
                    if (s != null) {
                        s.cancel();
                    }
                    sink.error(e);
                    return;
                }
                if (s != null) {
                    s.request(1);
                }
            });
        }

        @Override
        public void onError(Throwable t) {
            socket.loop.execute(() -> {
                if (!cancelled) {
                    sink.error(t);
                }
            });
        }

        @Override
        public void onComplete() {
            socket.loop.execute(() -> {
                if (!cancelled) {
                    sink.success();
                }
            });
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Mono<Void> close(CloseStatus status) {
        return Mono.create(sink -> socket.loop.execute(() -> {
            try {
                if (open) {
                    socket.send.send(new WebSocketClose(status.getCode(), status.getReason() == null ? ""
                            : status.getReason()));
                    closed(status);
                }
                sink.success();
            } catch (Exception e) {
                sink.error(e);
            }
        }));
    }

    @Override
    public Mono<CloseStatus> closeStatus() {
        return closeStatus.asMono();
    }

    private void closed(CloseStatus status) {
        open = false;
        closeStatus.tryEmitValue(status);
    }
}
