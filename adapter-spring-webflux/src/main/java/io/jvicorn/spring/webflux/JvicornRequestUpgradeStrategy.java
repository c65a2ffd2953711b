package io.jvicorn.spring.webflux;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * WebFlux's WebSocket upgrade on jvicorn: accepts the jvicorn WebSocket scope ({@code websocket.accept} with the
 * subprotocol WebFlux chose) and runs the {@link WebSocketHandler} on a {@link JvicornWebSocketSession}; when the
 * handler completes the socket is closed normally (1000), when it fails with 1011, as Reactor Netty's strategy does.
 * Give it to WebFlux as {@code new HandshakeWebSocketService(new JvicornRequestUpgradeStrategy())}, for example from
 * {@code WebFluxConfigurer.getWebSocketService()}.
 */
public final class JvicornRequestUpgradeStrategy implements RequestUpgradeStrategy {

    @Override
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
                              Supplier<HandshakeInfo> handshakeInfoFactory) {
        PendingWebSocket socket = pending(exchange.getRequest());
        if (socket == null) {
            return Mono.error(new IllegalStateException(
                    "JvicornRequestUpgradeStrategy upgrades jvicorn WebSocket scopes only, not " + exchange.getRequest()));
        }
        HandshakeInfo info = handshakeInfoFactory.get();
        Mono<Void> accepted = Mono.create(sink -> socket.loop.execute(() -> {
            try {
                socket.accept(subProtocol);
                sink.success();
            } catch (Exception e) {
                sink.error(e);
            }
        }));
        return accepted.then(Mono.defer(() -> {
            JvicornWebSocketSession session = new JvicornWebSocketSession(socket, info);
            return handler.handle(session)
                    .onErrorResume(e -> session.close(CloseStatus.SERVER_ERROR).then(Mono.error(e)))
                    .then(Mono.defer(() -> session.isOpen() ? session.close(CloseStatus.NORMAL) : Mono.empty()));
        }));
    }

    private static @Nullable PendingWebSocket pending(ServerHttpRequest request) {
        ServerHttpRequest r = request;
        while (r instanceof ServerHttpRequestDecorator decorator) {
            r = decorator.getDelegate();
        }
        return r instanceof JvicornServerHttpRequest jvicorn ? jvicorn.webSocket() : null;
    }
}
