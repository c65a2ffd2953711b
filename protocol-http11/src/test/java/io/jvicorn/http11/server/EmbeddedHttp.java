package io.jvicorn.http11.server;

import static org.awaitility.Awaitility.await;

import io.jvicorn.asgi.Application;
import io.jvicorn.engine.EmbeddedTransport;
import io.jvicorn.http11.codec.DefaultHeaders;
import io.jvicorn.http11.codec.ParserLimits;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP connection in memory: an {@link HttpConnectionHandler} on an {@link EmbeddedTransport}, with the server's
 * default settings but no date or server header, so responses are byte-exact. The test plays the client.
 */
final class EmbeddedHttp implements AutoCloseable {
    static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
    static final Duration HEAD_TIMEOUT = Duration.ofSeconds(30);
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(60);

    final EmbeddedTransport transport;
    final HttpSettings settings;
    private final StringBuilder received = new StringBuilder();
    private volatile @Nullable HttpConnectionHandler handler;

    private EmbeddedHttp(HttpSettings settings) {
        this.settings = settings;
        this.transport = new EmbeddedTransport(new InetSocketAddress("127.0.0.1", 40000),
                new InetSocketAddress("127.0.0.1", 8000), t -> {
                    HttpConnectionHandler h = new HttpConnectionHandler(t, settings);
                    handler = h;
                    return h;
                });
    }

    /** Waits until every exchange has finished, including the worker's bookkeeping after its last write. */
    void awaitNothingInFlight() {
        HttpConnectionHandler h = handler;
        assert h != null;
        await().atMost(10, TimeUnit.SECONDS).until(() -> h.exchangesInFlight() == 0);
    }

    static EmbeddedHttp start(Application app) {
        return start(app, s -> s);
    }

    static EmbeddedHttp start(Application app, UnaryOperator<HttpSettings> adjust) {
        HttpSettings settings = new HttpSettings(ParserLimits.DEFAULTS, DefaultHeaders.create(false, false, List.of()),
                KEEP_ALIVE.toNanos(), HEAD_TIMEOUT.toNanos(), BODY_TIMEOUT.toNanos(), "", "http", null, null, null,
                new ServerActivity(new AppGeneration(app, Map.of(), null), 0, null), null, false, false, null, null);
        return new EmbeddedHttp(adjust.apply(settings));
    }

    static HttpSettings threadPerRequest(HttpSettings s) {
        return new HttpSettings(s.limits(), s.defaults(), s.keepAliveNanos(), s.headerTimeoutNanos(),
                s.bodyTimeoutNanos(), s.rootPath(), s.scheme(), s.accessLog(), s.trustedProxies(), s.limitConcurrency(),
                s.activity(), s.webSocket(), true, s.debugPage(), s.debugSources(), s.http2());
    }

    static HttpSettings debugPage(HttpSettings s) {
        return new HttpSettings(s.limits(), s.defaults(), s.keepAliveNanos(), s.headerTimeoutNanos(),
                s.bodyTimeoutNanos(), s.rootPath(), s.scheme(), s.accessLog(), s.trustedProxies(), s.limitConcurrency(),
                s.activity(), s.webSocket(), s.threadPerRequest(), true, s.debugSources(), s.http2());
    }

    void send(String bytes) {
        transport.send(bytes);
    }

    /** @return everything the server wrote so far */
    String output() {
        received.append(transport.takeOutputText());
        return received.toString();
    }

    /** Waits until the server has written exactly {@code expected} (and fails if it wrote something else). */
    void expectOutput(String expected) {
        try {
            await().atMost(10, TimeUnit.SECONDS).until(() -> output().length() >= expected.length());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String got = output();
            org.junit.jupiter.api.Assertions.fail("after 10 s, " + got.length() + " of " + expected.length()
                    + " bytes; starts " + got.substring(0, Math.min(200, got.length())).replace("\r\n", "|"));
        }
        org.junit.jupiter.api.Assertions.assertEquals(expected, output());
    }

    void awaitClosed() {
        await().atMost(10, TimeUnit.SECONDS).until(() -> !transport.isOpen());
    }

    void awaitOutputShutdown() {
        await().atMost(10, TimeUnit.SECONDS).until(transport::isOutputShutdown);
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\ncontent-length: " + body.length() + "\r\n\r\n" + body;
    }

    static String okClose(String body) {
        return "HTTP/1.1 200 OK\r\ncontent-length: " + body.length() + "\r\nconnection: close\r\n\r\n" + body;
    }

    static String plain(int status, String reason, String body) {
        return "HTTP/1.1 " + status + " " + reason + "\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: "
                + body.length() + "\r\nconnection: close\r\n\r\n" + body;
    }

    @Override
    public void close() {
        transport.dispose();
    }
}
