package io.jvicorn.benchmarks.micro;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.AsgiVersion;
import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpScope;
import io.jvicorn.asgi.Receive;
import io.jvicorn.asgi.Send;
import io.jvicorn.asgi.SendEvent;
import io.jvicorn.benchmarks.peers.WebFluxServer;
import io.jvicorn.benchmarks.peers.Workloads;
import io.jvicorn.spring.webflux.WebFluxApplication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request through {@link WebFluxApplication} without a server: the benchmark runner's WebFlux application
 * ({@link WebFluxServer#handler()}) answering {@code GET /json} and {@code GET /plaintext}, its last send returned to
 * JMH. With {@code -prof gc} this is what a request costs in the adapter and in Spring together, apart
 * from the server's parsing and writing; the adapter's share is what {@code webflux-jvicorn} adds over Reactor Netty.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class WebFluxAdapterBenchmark {
    private static final Receive NO_BODY = () -> {
        throw new IllegalStateException("a GET without a body is not received");
    };

    private WebFluxApplication app;
    /** The last event the application sent: a benchmark returns it, so JMH consumes it. */
    private SendEvent last;
    private final Send send = event -> last = event;
    private HttpScope json;
    private HttpScope plaintext;

    /** Creates the benchmark state; JMH calls {@link #setUp()}. */
    public WebFluxAdapterBenchmark() {
    }

    /** Builds the application and the two requests' scopes, with wrk's headers. */
    @Setup
    public void setUp() {
        app = new WebFluxApplication(WebFluxServer.handler());
        json = get(Workloads.JSON_PATH);
        plaintext = get(Workloads.PLAINTEXT_PATH);
    }

    static HttpScope get(String path) {
        return new HttpScope(AsgiVersion.HTTP, "1.1", "GET", "http", path, path.getBytes(StandardCharsets.US_ASCII),
                new byte[0], "", List.of(Header.of("host", "127.0.0.1:18080")), new Address("127.0.0.1", 40000),
                new Address("127.0.0.1", 18080), Map.of(), Map.of());
    }

    /**
     * {@code GET /json}: Jackson writes a map.
     *
     * @return the last event sent, the body
     * @throws Exception never, unless the application fails
     */
    @Benchmark
    public SendEvent json() throws Exception {
        app.call(json, NO_BODY, send);
        return last;
    }

    /**
     * {@code GET /plaintext}: a string body.
     *
     * @return the last event sent, the body
     * @throws Exception never, unless the application fails
     */
    @Benchmark
    public SendEvent plaintext() throws Exception {
        app.call(plaintext, NO_BODY, send);
        return last;
    }

    /**
     * Runs one request outside JMH.
     *
     * @param path {@code /json} or {@code /plaintext}
     * @param send takes the sends
     * @throws Exception if the application fails
     */
    void call(String path, Send send) throws Exception {
        app.call(path.equals(Workloads.JSON_PATH) ? json : plaintext, NO_BODY, send);
    }
}
