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
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketScope;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.Disposable;

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
 * {@link WebHttpHandlerBuilder#httpHandlerDecorator}, wraps the handler as on any other server. WebSocket handshakes are
 * refused (403); the lifespan scope is refused, so the server runs without one (Spring has its own application lifecycle).
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
            case HttpScope http -> serve(http, receive, send);
            case WebSocketScope ws -> {
                receive.receive(); // websocket.connect
                send.send(new WebSocketClose()); // refused with 403: not bridged to WebFlux yet
            }
            case LifespanScope life -> throw new IllegalArgumentException(
                    "WebFluxApplication has no lifespan: Spring's context has its own lifecycle");
        }
    }

    private void serve(HttpScope scope, Receive receive, Send send) throws Exception {
        ExchangeLoop loop = new ExchangeLoop();
        AtomicReference<@Nullable Disposable> subscription = new AtomicReference<>();
        RequestReader reader = new RequestReader(scope, receive, buffers, () -> {
            Disposable d = subscription.get();
            if (d != null) {
                d.dispose(); // cancels the handler: its streams see the cancel signal
            }
            loop.finish(new ClientDisconnectedException("the client went away during the response"));
        });
        JvicornServerHttpRequest request;
        try {
            request = new JvicornServerHttpRequest(scope, reader);
        } catch (URISyntaxException | IllegalArgumentException e) {
            badRequest(send, e.getMessage()); // as Reactor Netty's adapter answers a request URI it cannot parse
            return;
        }
        JvicornServerHttpResponse response = new JvicornServerHttpResponse(buffers, send, loop, reader);
        subscription.set(handler.handle(request, response).subscribe(null, loop::finish, () -> loop.finish(null)));
        Throwable failure;
        try {
            failure = loop.run();
        } catch (InterruptedException e) {
            Disposable d = subscription.get();
            if (d != null) {
                d.dispose();
            }
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
        response.finish();
    }

    private static void badRequest(Send send, @Nullable String why) throws Exception {
        send.send(new HttpResponseStart(400, List.of(Header.of("content-type", "text/plain; charset=utf-8"))));
        send.send(HttpResponseBody.of("Bad Request" + (why == null ? "" : ": " + why)));
    }
}
