package io.jvicorn.benchmarks.micro;

import io.jvicorn.asgi.Header;
import io.jvicorn.http11.codec.DefaultHeaders;
import io.jvicorn.http11.codec.OutputBuffer;
import io.jvicorn.http11.codec.ParserLimits;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.codec.RequestParser;
import io.jvicorn.http11.codec.ResponseEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
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
 * {@link ResponseEncoder} writing into a reused {@link OutputBuffer}, with the server's default headers (server and
 * date): a plaintext response with the application's Content-Length, a 10 KiB body (referenced, not copied), a body
 * without Content-Length that gets one, a chunked stream of four parts, and 16 pipelined responses in one buffer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ResponseEncodingBenchmark {
    private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY_10K = new byte[10 * 1024];
    private static final byte[] PART = new byte[256];
    private static final byte[] EMPTY = new byte[0];
    private static final List<Header> PLAINTEXT_HEADERS = List.of(
            Header.of("content-type", "text/plain"), Header.of("content-length", "13"));
    private static final List<Header> BODY_10K_HEADERS = List.of(
            Header.of("content-type", "application/octet-stream"), Header.of("content-length", "10240"));
    private static final List<Header> NO_LENGTH_HEADERS = List.of(Header.of("content-type", "application/json"));

    private ResponseEncoder encoder;
    private OutputBuffer out;
    private RequestHead request;

    /** Creates the benchmark state; JMH calls {@link #setUp()}. */
    public ResponseEncodingBenchmark() {
    }

    /** Builds the encoder and a parsed GET to answer. */
    @Setup
    public void setUp() {
        Arrays.fill(BODY_10K, (byte) 'x');
        encoder = new ResponseEncoder(DefaultHeaders.create(true, true, List.of()));
        out = new OutputBuffer();
        request = (RequestHead) new RequestParser(ParserLimits.DEFAULTS)
                .next(RequestParsingBenchmark.heap(RequestParsingBenchmark.MINIMAL));
    }

    /**
     * 200 with "Hello, world!".
     *
     * @return the buffers a gathering write would take
     */
    @Benchmark
    public ByteBuffer[] plaintext() {
        out.clear();
        encoder.begin(request);
        encoder.start(200, PLAINTEXT_HEADERS, false, out);
        encoder.body(HELLO, false, out);
        return out.buffers();
    }

    /**
     * 200 with a 10 KiB body.
     *
     * @return the buffers a gathering write would take
     */
    @Benchmark
    public ByteBuffer[] body10k() {
        out.clear();
        encoder.begin(request);
        encoder.start(200, BODY_10K_HEADERS, false, out);
        encoder.body(BODY_10K, false, out);
        return out.buffers();
    }

    /**
     * 200 whose head waits for the single body part to learn the Content-Length.
     *
     * @return the buffers a gathering write would take
     */
    @Benchmark
    public ByteBuffer[] lengthFromBody() {
        out.clear();
        encoder.begin(request);
        encoder.start(200, NO_LENGTH_HEADERS, false, out);
        encoder.body(HELLO, false, out);
        return out.buffers();
    }

    /**
     * 200 streamed in four chunks and an empty last part.
     *
     * @return the buffers a gathering write would take
     */
    @Benchmark
    public ByteBuffer[] chunked4() {
        out.clear();
        encoder.begin(request);
        encoder.start(200, NO_LENGTH_HEADERS, false, out);
        for (int i = 0; i < 4; i++) {
            encoder.body(PART, true, out);
        }
        encoder.body(EMPTY, false, out);
        return out.buffers();
    }

    /**
     * 16 plaintext responses gathered for one write, as for a pipelined batch.
     *
     * @return the buffers a gathering write would take
     */
    @Benchmark
    public ByteBuffer[] pipelined16() {
        out.clear();
        for (int i = 0; i < 16; i++) {
            encoder.begin(request);
            encoder.start(200, PLAINTEXT_HEADERS, false, out);
            encoder.body(HELLO, false, out);
        }
        return out.buffers();
    }
}
