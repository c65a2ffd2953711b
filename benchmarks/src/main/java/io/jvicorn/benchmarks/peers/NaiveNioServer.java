package io.jvicorn.benchmarks.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The JVM's ceiling: selector threads (one per core, or {@code --loops N}; benchmarks/run runs one) that find the end
 * of each request head and answer with a canned response ({@link NaiveRequestScanner}). No parsing, no headers, no
 * bodies ({@code POST /echo} is not served): whatever a real server costs beyond this is its own.
 *
 * <p>Pipelined requests are answered together with one gathering write.
 */
public final class NaiveNioServer {
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
        Loop[] loops = new Loop[a.loopsOr(Runtime.getRuntime().availableProcessors())];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new Loop();
            Thread.ofPlatform().name("naive-loop-" + i).start(loops[i]);
        }
        a.announce("naive", "loops=" + loops.length);
        for (int next = 0; ; next = (next + 1) % loops.length) {
            SocketChannel channel = server.accept();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            loops[next].adopt(channel);
        }
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
                    c.scanner.scan(in, c.out);
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

    /** A connection's responses not yet written, and its scan state. */
    private static final class Connection {
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        final NaiveRequestScanner scanner = new NaiveRequestScanner();
    }
}
