package io.jvicorn.benchmarks.micro;

import io.jvicorn.http11.codec.ParseEvent;
import io.jvicorn.http11.codec.ParserLimits;
import io.jvicorn.http11.codec.RequestEnd;
import io.jvicorn.http11.codec.RequestParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link RequestParser} on whole requests as they arrive from a socket read: wrk's minimal GET, a typical browser GET
 * of about 500 bytes, and 16 pipelined requests in one buffer. One connection's parser is reused, as the server does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RequestParsingBenchmark {
    /** What wrk sends. */
    static final String MINIMAL = "GET / HTTP/1.1\r\nHost: localhost:8080\r\n\r\n";

    /** A browser's navigation request, about 500 bytes. */
    static final String BROWSER = "GET /docs/guide/index.html?lang=en&page=2 HTTP/1.1\r\n"
            + "Host: www.example.com\r\n"
            + "Connection: keep-alive\r\n"
            + "Cache-Control: max-age=0\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Accept-Language: en-US,en;q=0.9\r\n"
            + "Cookie: session=4f9c2a1b7e3d4c5a; theme=dark\r\n"
            + "\r\n";

    /** wrk's pipelining script sends this 16 times in one write. */
    static final String PIPELINED_ONE = "GET /plaintext HTTP/1.1\r\nHost: localhost:8080\r\n\r\n";

    private RequestParser parser;
    private ByteBuffer minimal;
    private ByteBuffer browser;
    private ByteBuffer pipelined;

    /** Creates the benchmark state; JMH calls {@link #setUp()}. */
    public RequestParsingBenchmark() {
    }

    /** Builds the parser and the input buffers. */
    @Setup
    public void setUp() {
        parser = new RequestParser(ParserLimits.DEFAULTS);
        minimal = heap(MINIMAL);
        browser = heap(BROWSER);
        pipelined = heap(PIPELINED_ONE.repeat(16));
    }

    static ByteBuffer heap(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * wrk's minimal request.
     *
     * @param bh sink
     * @return requests parsed
     */
    @Benchmark
    public int minimalRequest(Blackhole bh) {
        return parseAll(minimal, bh);
    }

    /**
     * A typical browser request.
     *
     * @param bh sink
     * @return requests parsed
     */
    @Benchmark
    public int browserRequest(Blackhole bh) {
        return parseAll(browser, bh);
    }

    /**
     * 16 pipelined requests in one read.
     *
     * @param bh sink
     * @return requests parsed (16)
     */
    @Benchmark
    public int pipelined16(Blackhole bh) {
        return parseAll(pipelined, bh);
    }

    private int parseAll(ByteBuffer in, Blackhole bh) {
        in.rewind();
        int requests = 0;
        ParseEvent event;
        while ((event = parser.next(in)) != null) {
            bh.consume(event);
            if (event instanceof RequestEnd) {
                requests++;
            } else if (!(event instanceof io.jvicorn.http11.codec.RequestHead)) {
                throw new IllegalStateException("unexpected " + event);
            }
        }
        return requests;
    }
}
