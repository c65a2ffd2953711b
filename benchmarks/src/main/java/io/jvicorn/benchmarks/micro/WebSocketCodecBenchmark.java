package io.jvicorn.benchmarks.micro;

import io.jvicorn.websocket.codec.DeflateAgreement;
import io.jvicorn.websocket.codec.OutboundFrame;
import io.jvicorn.websocket.codec.WebSocketConfig;
import io.jvicorn.websocket.codec.WebSocketEvent;
import io.jvicorn.websocket.codec.WebSocketSession;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link WebSocketSession}, the server side of a connection: decoding masked client frames (unmasking, and UTF-8
 * validation for text), encoding server frames, and a permessage-deflate round trip (compress, then decompress the
 * same message as a peer would).
 *
 * <p>Decoding works in place, so each operation first restores the masked frame into the input buffer; that copy is
 * part of the figure, as a socket read would be.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class WebSocketCodecBenchmark {
    private static final int MASK = 0x37FA213D;
    private static final String SMALL_TEXT = "{\"type\":\"chat\",\"text\":\"hi!\"}";
    /** ASCII and two-, three- and four-byte sequences, so validation leaves its ASCII fast path. */
    private static final String MIXED = "Grüße, 世界! ☃ 🎉 naïve café — ";

    private WebSocketSession plain;
    private WebSocketSession deflateSender;
    private WebSocketSession deflateReceiver;
    private final OutboundFrame frame = new OutboundFrame();
    private final ByteBuffer input = ByteBuffer.allocate(64 * 1024);
    private byte[] smallTextFrame;
    private byte[] binary16kFrame;
    private byte[] ascii16kFrame;
    private byte[] utf816kFrame;
    private byte[] binary16k;
    private String json4k;

    /** Creates the benchmark state; JMH calls {@link #setUp()}. */
    public WebSocketCodecBenchmark() {
    }

    /** Builds the sessions and frames. */
    @Setup
    public void setUp() {
        WebSocketConfig config = WebSocketConfig.defaults();
        DeflateAgreement contextTakeover = new DeflateAgreement(false, false, 0);
        plain = new WebSocketSession(config, null);
        deflateSender = new WebSocketSession(config, contextTakeover);
        deflateReceiver = new WebSocketSession(config, contextTakeover);
        binary16k = new byte[16 * 1024];
        for (int i = 0; i < binary16k.length; i++) {
            binary16k[i] = (byte) (i * 31);
        }
        smallTextFrame = ClientFrames.masked(ClientFrames.TEXT, SMALL_TEXT.getBytes(StandardCharsets.UTF_8), MASK);
        binary16kFrame = ClientFrames.masked(ClientFrames.BINARY, binary16k, MASK);
        ascii16kFrame = ClientFrames.masked(ClientFrames.TEXT, fill("The quick brown fox jumps over the lazy dog. "),
                MASK);
        utf816kFrame = ClientFrames.masked(ClientFrames.TEXT, fill(MIXED), MASK);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; json.length() < 4000; i++) {
            json.append("{\"id\":").append(i).append(",\"name\":\"user").append(i)
                    .append("\",\"active\":").append(i % 3 == 0).append("},");
        }
        json4k = json.append("{}]").toString();
    }

    /** Frees the sessions' zlib memory. */
    @TearDown
    public void tearDown() {
        plain.close();
        deflateSender.close();
        deflateReceiver.close();
    }

    /** 16 KiB of UTF-8 made by repeating {@code unit}, cut at a code point boundary. */
    private static byte[] fill(String unit) {
        StringBuilder s = new StringBuilder();
        while (s.toString().getBytes(StandardCharsets.UTF_8).length < 16 * 1024) {
            s.append(unit);
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private WebSocketEvent decode(WebSocketSession session, byte[] maskedFrame) {
        input.clear();
        input.put(maskedFrame).flip();
        WebSocketEvent event = session.receive(input);
        if (event == null) {
            throw new IllegalStateException("no event from a whole frame");
        }
        return event;
    }

    /**
     * A small masked JSON text message: unmask, validate, make the String.
     *
     * @return the message
     */
    @Benchmark
    public WebSocketEvent decodeSmallText() {
        return decode(plain, smallTextFrame);
    }

    /**
     * A 16 KiB masked binary message: unmasking throughput.
     *
     * @return the message
     */
    @Benchmark
    public WebSocketEvent decodeBinary16k() {
        return decode(plain, binary16kFrame);
    }

    /**
     * A 16 KiB masked ASCII text message: UTF-8 validation's fast path.
     *
     * @return the message
     */
    @Benchmark
    public WebSocketEvent decodeAsciiText16k() {
        return decode(plain, ascii16kFrame);
    }

    /**
     * A 16 KiB masked text message full of multi-byte sequences: UTF-8 validation proper.
     *
     * @return the message
     */
    @Benchmark
    public WebSocketEvent decodeUtf8Text16k() {
        return decode(plain, utf816kFrame);
    }

    /**
     * Encoding a small text message.
     *
     * @return the frame's length
     */
    @Benchmark
    public int encodeSmallText() {
        plain.encodeText(SMALL_TEXT, frame);
        return frame.length();
    }

    /**
     * Encoding a 16 KiB binary message (the payload is referenced, not copied).
     *
     * @return the frame's length
     */
    @Benchmark
    public int encodeBinary16k() {
        plain.encodeBinary(binary16k, frame);
        return frame.length();
    }

    /**
     * permessage-deflate with context takeover: compress a 4 KiB JSON text, mask it as the client would, and
     * decompress and validate it on the receiving side.
     *
     * @return the received message
     */
    @Benchmark
    public WebSocketEvent deflateRoundTrip4k() {
        deflateSender.encodeText(json4k, frame);
        ClientFrames.masked(frame, MASK, input);
        WebSocketEvent event = deflateReceiver.receive(input);
        if (!(event instanceof WebSocketEvent.TextMessage)) {
            throw new IllegalStateException("expected a text message, got " + event);
        }
        return event;
    }
}
