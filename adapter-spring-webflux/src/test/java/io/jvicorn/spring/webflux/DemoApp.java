package io.jvicorn.spring.webflux;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A small but real WebFlux application: an annotated controller, a router function, a handler decorator. */
final class DemoApp {
    /** Counted down when an endless event stream is cancelled (the client left). */
    static volatile CountDownLatch ticksCancelled = new CountDownLatch(1);

    record Item(String id, String name) {
    }

    @RestController
    static class Items {
        @GetMapping("/items/{id}")
        Mono<Item> item(@PathVariable String id) {
            if (id.equals("missing")) {
                return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no item " + id));
            }
            return Mono.just(new Item(id, "item " + id));
        }

        @PostMapping("/items")
        @ResponseStatus(HttpStatus.CREATED)
        Mono<Item> create(@RequestBody Item item) {
            return Mono.just(new Item(item.id(), item.name().toUpperCase(java.util.Locale.ROOT)));
        }

        @GetMapping("/boom")
        Mono<String> boom() {
            throw new IllegalStateException("the controller failed");
        }

        @PostMapping("/upload")
        Mono<String> upload(ServerHttpRequest request) {
            return request.getBody().reduce(new Digest(), Digest::add).map(Digest::toString);
        }

        @GetMapping(value = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        Flux<ServerSentEvent<String>> events() {
            return Flux.range(1, 3).map(i -> ServerSentEvent.builder("event " + i).id(Integer.toString(i)).build());
        }

        @GetMapping(value = "/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        Flux<String> ticks() {
            CountDownLatch cancelled = ticksCancelled;
            return Flux.interval(Duration.ofMillis(20)).map(i -> "tick " + i).doOnCancel(cancelled::countDown);
        }

        @GetMapping("/cookies")
        Mono<String> cookies(@CookieValue(name = "session", defaultValue = "none") String session,
                             ServerWebExchange exchange) {
            exchange.getResponse().addCookie(ResponseCookie.from("seen", "yes").path("/").httpOnly(true).build());
            return Mono.just("session=" + session);
        }

        @GetMapping("/whoami")
        Mono<Map<String, Object>> whoami(ServerHttpRequest request) {
            var ssl = request.getSslInfo();
            var chain = ssl == null ? null : ssl.getPeerCertificates();
            return Mono.just(Map.of(
                    "peer", chain == null ? "none" : chain[0].getSubjectX500Principal().getName(),
                    "remote", String.valueOf(request.getRemoteAddress()),
                    "local", String.valueOf(request.getLocalAddress()),
                    "tls", request.getSslInfo() != null,
                    "uri", request.getURI().toString(),
                    "contextPath", request.getPath().contextPath().value()));
        }
    }

    /** SHA-256 and length of a body read buffer by buffer. */
    static final class Digest {
        private final MessageDigest sha;
        private long bytes;

        Digest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Digest add(DataBuffer buffer) {
            byte[] b = new byte[buffer.readableByteCount()];
            buffer.read(b);
            DataBufferUtils.release(buffer);
            sha.update(b);
            bytes += b.length;
            return this;
        }

        @Override
        public String toString() {
            return "bytes=" + bytes + " sha256=" + HexFormat.of().formatHex(sha.digest());
        }

        static String of(byte[] data) {
            Digest d = new Digest();
            d.sha.update(data);
            d.bytes = data.length;
            return d.toString();
        }
    }

    @Configuration
    @EnableWebFlux
    static class Config {
        @Bean
        Items items() {
            return new Items();
        }

        @Bean
        RouterFunction<ServerResponse> routes() {
            return RouterFunctions.route()
                    .GET("/fn/hello", r -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN)
                            .bodyValue("hello from a RouterFunction"))
                    .POST("/fn/echo", r -> r.bodyToMono(Map.class)
                            .flatMap(body -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(Map.of("received", body))))
                    .build();
        }

        /** Echoes text messages as "echo: ...", bytes as they came; "bye" closes with 4000. */
        @Bean
        SimpleUrlHandlerMapping webSockets() {
            WebSocketHandler echo = new WebSocketHandler() {
                @Override
                public List<String> getSubProtocols() {
                    return List.of("echo.v1");
                }

                @Override
                public Mono<Void> handle(WebSocketSession session) {
                    return session.send(session.receive()
                            .takeUntil(m -> m.getType() == WebSocketMessage.Type.TEXT
                                    && m.getPayloadAsText().equals("bye"))
                            .concatMap(m -> {
                                if (m.getType() == WebSocketMessage.Type.TEXT) {
                                    String text = m.getPayloadAsText();
                                    return text.equals("bye")
                                            ? session.close(new CloseStatus(4000, "bye")).then(Mono.empty())
                                            : Mono.just(session.textMessage("echo: " + text));
                                }
                                byte[] bytes = new byte[m.getPayload().readableByteCount()];
                                m.getPayload().read(bytes);
                                return Mono.just(session.binaryMessage(f -> f.wrap(bytes)));
                            }));
                }
            };
            return new SimpleUrlHandlerMapping(Map.of("/ws/echo", echo), -1);
        }

        @Bean
        WebFluxConfigurer jvicornWebSockets() {
            return new WebFluxConfigurer() {
                @Override
                public WebSocketService getWebSocketService() {
                    return new HandshakeWebSocketService(new JvicornRequestUpgradeStrategy());
                }
            };
        }

        @Bean
        HttpHandlerDecoratorFactory decorator() {
            return handler -> (request, response) -> {
                response.getHeaders().add("x-decorated", "yes");
                return handler.handle(request, response);
            };
        }
    }

    private DemoApp() {
    }

    /** @return the application's handler, as a Spring Boot WebFlux application would build it */
    static HttpHandler handler() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class);
        return WebHttpHandlerBuilder.applicationContext(context).build();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
