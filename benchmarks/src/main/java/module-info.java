/**
 * jvicorn's benchmarks: JMH microbenchmarks, the peer servers and the load clients that benchmarks/run drives. Not
 * part of the server.
 */
module io.jvicorn.benchmarks {
    requires static org.jspecify;
    requires java.sql;
    requires io.jvicorn.server;
    requires io.jvicorn.websocket;
    requires jmh.core;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.helidon.webserver;
    requires io.helidon.webserver.websocket;
    requires io.helidon.websocket;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.http2.server;
    requires org.eclipse.jetty.websocket.server;
    requires io.jvicorn.spring.webflux;
    requires reactor.core;
    requires reactor.netty.core;
    requires reactor.netty.http;

    exports io.jvicorn.benchmarks.micro;
    exports io.jvicorn.benchmarks.peers;
    exports io.jvicorn.benchmarks.db;
    exports io.jvicorn.benchmarks.load;
}
