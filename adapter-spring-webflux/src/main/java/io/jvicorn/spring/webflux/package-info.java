/**
 * Spring WebFlux on jvicorn. {@link io.jvicorn.spring.webflux.WebFluxApplication} serves a WebFlux
 * {@code HttpHandler} (what Reactor Netty, Undertow, Jetty and Tomcat each adapt for WebFlux) as a jvicorn
 * {@code Application}: the request body is a back-pressured {@code Flux<DataBuffer>} fed by {@code receive()}, the
 * response goes out through {@code send()} buffer by buffer, and a client that leaves cancels the handler.
 */
@NullMarked
package io.jvicorn.spring.webflux;

import org.jspecify.annotations.NullMarked;
