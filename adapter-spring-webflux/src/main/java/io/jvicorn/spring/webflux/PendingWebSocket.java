package io.jvicorn.spring.webflux;

import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketScope;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferFactory;

/**
 * A WebSocket handshake on its way through WebFlux: the scope, the server's receive and send, and the application
 * thread's loop. {@link JvicornRequestUpgradeStrategy} accepts it; otherwise the response WebFlux writes becomes the
 * denial response.
 */
final class PendingWebSocket {
    final WebSocketScope scope;
    final Receive receive;
    final Send send;
    final ExchangeLoop loop;
    final DataBufferFactory buffers;
    // Application thread.
    private boolean accepted;

    /**
     * @param scope   the WebSocket scope
     * @param receive the server's receive ({@code websocket.connect} already taken)
     * @param send    the server's send
     * @param loop    the application thread's loop, where every send runs
     * @param buffers wraps received messages
     */
    PendingWebSocket(WebSocketScope scope, Receive receive, Send send, ExchangeLoop loop, DataBufferFactory buffers) {
        this.scope = scope;
        this.receive = receive;
        this.send = send;
        this.loop = loop;
        this.buffers = buffers;
    }

    WebSocketScope scope() {
        return scope;
    }

    /** Application thread: sends {@code websocket.accept}. */
    void accept(@Nullable String subprotocol) throws IOException, InterruptedException {
        send.send(new WebSocketAccept(subprotocol, List.of()));
        accepted = true;
    }

    /** Application thread: whether the socket was accepted (then no denial response is sent). */
    boolean accepted() {
        return accepted;
    }
}
