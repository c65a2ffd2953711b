package io.jvicorn.benchmarks.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The JVM's ceiling: one selector thread per core that finds the end of each request head ({@code \r\n\r\n}) and
 * answers with a canned response picked by the path's first two characters. No parsing, no headers, no bodies
 * ({@code POST /echo} is not served): whatever a real server costs beyond this is its own.
 *
 * <p>Pipelined requests are answered together with one gathering write.
 */
public final class NaiveNioServer {
    private static final ByteBuffer PLAINTEXT = canned(Workloads.TEXT_PLAIN, Workloads.PLAINTEXT);
    private static final ByteBuffer JSON = canned(Workloads.APPLICATION_JSON, Workloads.JSON);
    private static final ByteBuffer BODY_10K = canned(Workloads.OCTET_STREAM, Workloads.BODY_10K);
    private static final ByteBuffer BODY_1M = canned(Workloads.OCTET_STREAM, Workloads.BODY_1M);

    private NaiveNioServer() {
    }

    /**
     * Serves until the process is stopped.
     *
     * @param args see {@link ServerArgs}
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        ServerArgs a = ServerArgs.parse(args);
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(a.host(), a.port()), 2048);
        Loop[] loops = new Loop[Runtime.getRuntime().availableProcessors()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new Loop();
            Thread.ofPlatform().name("naive-loop-" + i).start(loops[i]);
        }
        a.announce("naive");
        for (int next = 0; ; next = (next + 1) % loops.length) {
            SocketChannel channel = server.accept();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            loops[next].adopt(channel);
        }
    }

    private static ByteBuffer canned(String contentType, byte[] body) {
        byte[] head = ("HTTP/1.1 200 OK\r\nServer: naive\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocateDirect(head.length + body.length).put(head).put(body).flip();
        return b.asReadOnlyBuffer();
    }

    /** The response for a path starting with {@code c1 c2}. */
    private static ByteBuffer responseFor(int c1, int c2) {
        if (c1 == '1') {
            return (c2 == 'm' ? BODY_1M : BODY_10K).duplicate();
        }
        return (c1 == 'j' ? JSON : PLAINTEXT).duplicate();
    }

    /** One selector thread and its connections. */
    private static final class Loop implements Runnable {
        private final Selector selector;
        private final Queue<SocketChannel> adopted = new ConcurrentLinkedQueue<>();

        Loop() throws IOException {
            selector = Selector.open();
        }

        void adopt(SocketChannel channel) {
            adopted.add(channel);
            selector.wakeup();
        }

        @Override
        public void run() {
            ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
            while (true) {
                try {
                    selector.select();
                    for (SocketChannel c; (c = adopted.poll()) != null; ) {
                        c.register(selector, SelectionKey.OP_READ, new Connection());
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        serve(key, in);
                    }
                    selector.selectedKeys().clear();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        private static void serve(SelectionKey key, ByteBuffer in) {
            SocketChannel channel = (SocketChannel) key.channel();
            Connection c = (Connection) key.attachment();
            try {
                if (key.isReadable()) {
                    in.clear();
                    if (channel.read(in) < 0) {
                        channel.close();
                        return;
                    }
                    in.flip();
                    c.scan(in);
                }
                if (!c.out.isEmpty()) {
                    ByteBuffer[] pending = c.out.toArray(new ByteBuffer[0]);
                    channel.write(pending);
                    while (!c.out.isEmpty() && !c.out.peek().hasRemaining()) {
                        c.out.poll();
                    }
                }
                key.interestOps(c.out.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
            } catch (IOException e) {
                key.cancel();
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    /** Per-connection scan state, kept across reads because a head may arrive in pieces. */
    private static final class Connection {
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        int matched; // how much of CR LF CR LF has been seen
        int offset;  // bytes since the head started; the path begins at offset 4 ("GET /")
        int c1;
        int c2;

        void scan(ByteBuffer in) {
            for (int i = in.position(), end = in.limit(); i < end; i++) {
                byte b = in.get(i);
                if (offset == 5) {
                    c1 = b;
                } else if (offset == 6) {
                    c2 = b;
                }
                offset++;
                if (b == (matched % 2 == 0 ? '\r' : '\n')) {
                    if (++matched == 4) {
                        out.add(responseFor(c1, c2));
                        matched = 0;
                        offset = 0;
                    }
                } else {
                    matched = b == '\r' ? 1 : 0;
                }
            }
        }
    }
}
