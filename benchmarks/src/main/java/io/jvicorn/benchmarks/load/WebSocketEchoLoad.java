package io.jvicorn.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket echo workload, a closed loop like wrk's: each connection sends a small masked text message, waits for
 * its echo, and sends the next, on one selector thread. Reports messages per second and round-trip percentiles.
 *
 * <p>Usage: {@code WebSocketEchoLoad --port P [--path /ws] [--connections 64] [--duration-ms 10000]
 * [--warmup-ms 0] [--message-bytes 32]}. Prints one JSON object. Exits 3, printing the reason, when the server does
 * not complete the opening handshake (no WebSocket support); exits 1 when an echo is wrong.
 */
public final class WebSocketEchoLoad {
    /** The Sec-WebSocket-Accept that RFC 6455's example key must produce. */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private WebSocketEchoLoad() {
    }

    /**
     * Runs the load.
     *
     * @param args see the class description
     * @throws Exception if a connection fails mid-run
     */
    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        InetSocketAddress address = new InetSocketAddress(o.value("host", "127.0.0.1"), (int) o.longValue("port", 8080));
        String path = o.value("path", "/ws");
        int connections = (int) o.longValue("connections", 64);
        long durationMillis = o.longValue("duration-ms", 10_000);
        long warmupMillis = o.longValue("warmup-ms", 0);
        byte[] message = message((int) o.longValue("message-bytes", 32));

        Connection[] all = new Connection[connections];
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                SocketChannel channel = MiniHttp.connect(address);
                String refusal = handshake(channel, path);
                if (refusal != null) {
                    channel.close();
                    closeAll(all);
                    System.out.println("{\"status\": \"unsupported\", \"reason\": \"" + refusal.replace('"', '\'') + "\"}");
                    System.exit(3);
                }
                channel.configureBlocking(false);
                all[i] = new Connection(channel, message);
                channel.register(selector, SelectionKey.OP_READ, all[i]);
            }
            if (warmupMillis > 0) {
                run(selector, all, warmupMillis, new Recorder());
            }
            Recorder recorder = new Recorder();
            long start = System.nanoTime();
            run(selector, all, durationMillis, recorder);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(recorder.json(seconds, connections, message.length));
            if (recorder.wrong > 0) {
                closeAll(all);
                System.exit(1);
            }
        }
        closeAll(all);
    }

    private static byte[] message(int length) {
        byte[] m = new byte[length];
        for (int i = 0; i < length; i++) {
            m[i] = (byte) ('a' + i % 26);
        }
        return m;
    }

    /** Sends a message on every connection and keeps each one busy until the time is up and its echo is back. */
    private static void run(Selector selector, Connection[] all, long millis, Recorder recorder) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int inFlight = 0;
        for (Connection c : all) {
            c.send();
            inFlight++;
        }
        while (inFlight > 0) {
            if (selector.select(1000) == 0 && System.nanoTime() - deadline > TimeUnit.SECONDS.toNanos(5)) {
                throw new IOException(inFlight + " echoes did not come back within 5 s of the end");
            }
            for (SelectionKey key : selector.selectedKeys()) {
                Connection c = (Connection) key.attachment();
                int echoes = c.receive(recorder);
                for (int i = 0; i < echoes; i++) {
                    if (System.nanoTime() < deadline) {
                        c.send();
                    } else {
                        inFlight--;
                    }
                }
            }
            selector.selectedKeys().clear();
        }
    }

    /** Performs the opening handshake; returns null on success, else why it failed. */
    private static @Nullable String handshake(SocketChannel channel, String path) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        // Read byte by byte so that nothing after the head (an early frame) is lost.
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (channel.read(one) < 0) {
                return head.isEmpty() ? "connection closed during the handshake" : firstLine(head);
            }
            head.append((char) (one.get(0) & 0xFF));
            if (head.length() > 16 * 1024) {
                return "handshake response too long";
            }
        }
        String text = head.toString();
        if (!text.startsWith("HTTP/1.1 101")) {
            return firstLine(head);
        }
        if (!text.toLowerCase(Locale.ROOT).contains("sec-websocket-accept: " + ACCEPT.toLowerCase(Locale.ROOT))) {
            return "wrong or missing Sec-WebSocket-Accept";
        }
        return null;
    }

    private static String firstLine(CharSequence head) {
        String s = head.toString();
        int end = s.indexOf('\r');
        return end < 0 ? s : s.substring(0, end);
    }

    private static void closeAll(Connection[] all) {
        for (Connection c : all) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** One connection: its pre-built masked frame, what it expects back, and a receive buffer. */
    private static final class Connection {
        private final SocketChannel channel;
        private final byte[] payload;
        private final ByteBuffer frame;
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private long sentAt;

        Connection(SocketChannel channel, byte[] payload) {
            this.channel = channel;
            this.payload = payload;
            this.frame = maskedText(payload, ThreadLocalRandom.current().nextInt());
        }

        void send() throws IOException {
            frame.rewind();
            sentAt = System.nanoTime();
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        }

        /** Reads what arrived; returns how many whole echoes it held. */
        int receive(Recorder recorder) throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("server closed a WebSocket connection");
            }
            in.flip();
            int echoes = 0;
            while (in.remaining() >= 2) {
                int p = in.position();
                int opcode = in.get(p) & 0x0F;
                int len = in.get(p + 1) & 0x7F;
                int header = 2;
                if (len == 126) {
                    if (in.remaining() < 4) {
                        break;
                    }
                    len = in.getShort(p + 2) & 0xFFFF;
                    header = 4;
                } else if (len == 127) {
                    throw new IOException("unexpected 64-bit frame length");
                }
                if (in.remaining() < header + len) {
                    break;
                }
                boolean right = opcode == 1 && len == payload.length
                        && Arrays.equals(in.array(), p + header, p + header + len, payload, 0, len);
                in.position(p + header + len);
                recorder.record(System.nanoTime() - sentAt, right);
                echoes++;
            }
            in.compact();
            return echoes;
        }

        void close() {
            try {
                channel.configureBlocking(true);
                ByteBuffer close = ByteBuffer.wrap(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8});
                channel.write(close);
                channel.close();
            } catch (IOException ignored) {
                // the server is gone already
            }
        }

        private static ByteBuffer maskedText(byte[] payload, int mask) {
            if (payload.length > 125) {
                throw new IllegalArgumentException("messages of at most 125 bytes");
            }
            ByteBuffer b = ByteBuffer.allocate(6 + payload.length);
            b.put((byte) 0x81).put((byte) (0x80 | payload.length)).putInt(mask);
            for (int i = 0; i < payload.length; i++) {
                b.put((byte) (payload[i] ^ (mask >>> (24 - 8 * (i % 4)))));
            }
            return b.flip();
        }
    }

    /** Round-trip times in microseconds, and echoes that did not match. */
    private static final class Recorder {
        private int[] micros = new int[1 << 16];
        private int count;
        private long wrong;

        void record(long nanos, boolean right) {
            if (count == micros.length) {
                micros = Arrays.copyOf(micros, count * 2);
            }
            micros[count++] = (int) Math.min(Integer.MAX_VALUE, nanos / 1000);
            if (!right) {
                wrong++;
            }
        }

        String json(double seconds, int connections, int messageBytes) {
            Arrays.sort(micros, 0, count);
            return String.format(Locale.ROOT,
                    "{\"status\": \"ok\", \"connections\": %d, \"message_bytes\": %d, \"messages\": %d,"
                            + " \"seconds\": %.3f, \"rate\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"wrong\": %d}",
                    connections, messageBytes, count, seconds, count / seconds, percentile(0.50) / 1000.0,
                    percentile(0.99) / 1000.0, wrong);
        }

        private int percentile(double q) {
            return count == 0 ? 0 : micros[Math.min(count - 1, (int) Math.ceil(q * count) - 1)];
        }
    }
}
