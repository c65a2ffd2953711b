package io.jvicorn.benchmarks.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The virtual-thread ceiling: a virtual thread per connection that reads the socket, finds the request heads and
 * writes canned responses ({@link NaiveRequestScanner}) with plain blocking calls; the accept loop is a virtual thread
 * too. benchmarks/run gives it one carrier ({@code -Djdk.virtualThreadScheduler.parallelism=1}), so it shows what the
 * simplest virtual-thread design costs against {@link NaiveNioServer}'s one selector thread.
 *
 * <p>Pipelined requests read together are answered together with one gathering write.
 */
public final class NaiveVirtualThreadServer {
    /** Per connection: enough for 16 pipelined wrk requests in one read; a longer head is scanned in pieces. */
    private static final int READ_BUFFER = 4096;
    private static final ByteBuffer[] NO_BUFFERS = new ByteBuffer[0];

    private NaiveVirtualThreadServer() {
    }

    /**
     * Serves until the process is stopped.
     *
     * @param args see {@link ServerArgs}
     * @throws Exception if the port cannot be bound
     */
    public static void main(String[] args) throws Exception {
        ServerArgs a = ServerArgs.parse(args);
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(a.host(), a.port()), 2048);
        Thread acceptor = start(server);
        a.announce("naive-vt", "carriers=" + ServerArgs.carriers());
        acceptor.join();
    }

    /**
     * Serves a bound channel on virtual threads until it is closed.
     *
     * @param server a bound server socket channel, in blocking mode
     * @return the accepting virtual thread; it ends when the channel is closed
     */
    static Thread start(ServerSocketChannel server) {
        return Thread.ofVirtual().name("naive-vt-accept").start(() -> accept(server));
    }

    private static void accept(ServerSocketChannel server) {
        Thread.Builder connections = Thread.ofVirtual();
        try {
            while (true) {
                SocketChannel channel = server.accept();
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                connections.start(() -> serve(channel));
            }
        } catch (IOException e) {
            if (!server.isOpen()) {
                return; // closed: the end of serving
            }
            // Out of descriptors, most likely: fatal, so that benchmarks/run sees the server gone, not a slow one.
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One connection, on its own virtual thread, until the client closes it. */
    private static void serve(SocketChannel channel) {
        NaiveRequestScanner scanner = new NaiveRequestScanner();
        ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
        List<ByteBuffer> out = new ArrayList<>(16);
        try (channel) {
            while (true) {
                in.clear();
                if (channel.read(in) < 0) {
                    return;
                }
                in.flip();
                scanner.scan(in, out);
                if (!out.isEmpty()) {
                    ByteBuffer[] pending = out.toArray(NO_BUFFERS);
                    out.clear();
                    ByteBuffer last = pending[pending.length - 1];
                    while (last.hasRemaining()) {
                        channel.write(pending);
                    }
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }
}
