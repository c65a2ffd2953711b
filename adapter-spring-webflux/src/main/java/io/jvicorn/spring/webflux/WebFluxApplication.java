package io.jvicorn.spring.webflux;

import io.jvicorn.asgi.Application;
import io.jvicorn.asgi.ClientDisconnectedException;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.LifespanScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Scope;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.WebSocketHttpResponseBody;
import io.jvicorn.asgi.WebSocketHttpResponseStart;
import io.jvicorn.asgi.WebSocketScope;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * Serves a Spring WebFlux {@link HttpHandler} on jvicorn, as Reactor Netty's {@code ReactorHttpHandlerAdapter} does
 * on Netty.
 *
 * <pre>{@code
 * HttpHandler handler = WebHttpHandlerBuilder.applicationContext(context).build();  // or RouterFunctions.toHttpHandler(...)
 * try (Server server = new Server(ServerConfig.builder(new WebFluxApplication(handler)).port(8000).build())) {
 *     server.start();
 *     server.awaitTermination();
 * }
 * }</pre>
 *
 * <p>Each request runs on the virtual thread the server calls the application on: the handler is subscribed there
 * (so the synchronous part of a controller runs there, and may block), and every send is made there. The request body
 * is read only as the handler asks for it; a client that leaves cancels the handler's {@code Mono<Void>} (at once for
 * a streamed response, else at the next write). An {@code HttpHandlerDecoratorFactory} bean (found by {@code WebHttpHandlerBuilder.applicationContext}), or
 * {@link WebHttpHandlerBuilder#httpHandlerDecorator}, wraps the handler as on any other server. WebSocket scopes go
 * through the handler as their handshake requests: mapped to a {@code WebSocketHandler} whose
 * {@code HandshakeWebSocketService} uses {@link JvicornRequestUpgradeStrategy}, they are accepted and bridged to a
 * {@code WebSocketSession}; any HTTP response WebFlux writes instead (404, 403...) is sent as the denial response. The
 * lifespan scope is refused, so the server runs without one (Spring has its own application lifecycle).
 */
public final class WebFluxApplication implements Application {
    private final HttpHandler handler;
    private final DataBufferFactory buffers;

    /**
     * @param handler the WebFlux handler, for example from {@link WebHttpHandlerBuilder}
     */
    public WebFluxApplication(HttpHandler handler) {
        this(handler, DefaultDataBufferFactory.sharedInstance);
    }

    /**
     * @param handler the WebFlux handler
     * @param buffers wraps request bytes and allocates response buffers
     */
    public WebFluxApplication(HttpHandler handler, DataBufferFactory buffers) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.buffers = Objects.requireNonNull(buffers, "buffers");
    }

    @Override
    public void call(Scope scope, Receive receive, Send send) throws Exception {
        switch (scope) {
            case HttpScope http -> serveHttp(http, receive, send);
            case WebSocketScope ws -> serveWebSocket(ws, receive, send);
            case LifespanScope life -> throw new IllegalArgumentException(
                    "WebFluxApplication has no lifespan: Spring's context has its own lifecycle");
        }
    }

    private void serveHttp(HttpScope scope, Receive receive, Send send) throws Exception {
        ExchangeLoop loop = new ExchangeLoop();
        RequestReader reader = new RequestReader(scope, receive, buffers, () -> clientGone(loop));
        JvicornServerHttpRequest request;
        try {
            request = new JvicornServerHttpRequest(scope, reader.body());
        } catch (URISyntaxException | IllegalArgumentException e) {
            // as Reactor Netty's adapter answers a request it cannot turn into a ServerHttpRequest
            send.send(new HttpResponseStart(400, List.of(Header.of("content-type", "text/plain; charset=utf-8"))));
            send.send(HttpResponseBody.of("Bad Request"));
            return;
        }
        JvicornServerHttpResponse response = new JvicornServerHttpResponse(buffers,
                new ResponseChannel.Http(send, reader), loop);
        run(request, response, loop);
        response.finish();
    }

    private void serveWebSocket(WebSocketScope scope, Receive receive, Send send) throws Exception {
        receive.receive(); // websocket.connect
        ExchangeLoop loop = new ExchangeLoop();
        PendingWebSocket socket = new PendingWebSocket(scope, receive, send, loop, buffers);
        JvicornServerHttpRequest request;
        try {
            request = new JvicornServerHttpRequest(socket);
        } catch (URISyntaxException | IllegalArgumentException e) {
            send.send(new WebSocketHttpResponseStart(400, List.of()));
            send.send(new WebSocketHttpResponseBody(new byte[0], false));
            return;
        }
        JvicornServerHttpResponse response = new JvicornServerHttpResponse(buffers, new ResponseChannel.Denial(send),
                loop);
        run(request, response, loop);
        if (!socket.accepted()) {
            response.finish(); // WebFlux answered the handshake with an HTTP response: the denial
        }
    }

    /** Runs the handler, its sends on this thread, until it completes; the response is then committed. */
    private void run(JvicornServerHttpRequest request, JvicornServerHttpResponse response, ExchangeLoop loop)
            throws Exception {
        handler.handle(request, response).subscribe(loop);
        Throwable failure;
        try {
            failure = loop.run();
        } catch (InterruptedException e) {
            loop.cancel();
            throw e;
        }
        if (failure instanceof ClientDisconnectedException gone) {
            throw gone; // the server takes it as the client's doing, not the application's
        }
        if (failure != null) {
            throw failure instanceof Exception e ? e : new IllegalStateException("the WebFlux handler failed", failure);
        }
        if (!response.isCommitted()) {
            response.setComplete().block(); // the commit actions of a handler that never wrote
        }
    }

    /** The client left before the response completed: the handler is cancelled and the exchange ends. */
    private static void clientGone(ExchangeLoop loop) {
        loop.cancel();
        loop.finish(new ClientDisconnectedException("the client went away during the response"));
    }
}
