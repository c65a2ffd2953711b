/**
 * Spring WebFlux on jvicorn: serves an {@code org.springframework.http.server.reactive.HttpHandler} as a jvicorn
 * {@code Application}.
 */
module io.jvicorn.spring.webflux {
    requires static org.jspecify;
    requires transitive io.jvicorn.api;
    requires transitive spring.web;
    requires transitive spring.webflux;
    requires spring.core;
    requires reactor.core;
    requires org.reactivestreams;
    exports io.jvicorn.spring.webflux;
}
