package io.jvicorn.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Just enough of a blocking HTTP/1.1 client for the probes: sends a GET on a kept-alive connection and reads one
 * response framed by Content-Length or chunked coding.
 */
final class MiniHttp {
    private static final int HEAD_LIMIT = 16 * 1024;

    private MiniHttp() {
    }

    /**
     * Connects (blocking).
     *
     * @param address the server
     * @return the connected channel
     * @throws IOException if the connection fails
     */
    static SocketChannel connect(InetSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.socket().setTcpNoDelay(true);
        return channel;
    }

    /**
     * Sends {@code GET path} and reads the response.
     *
     * @param channel a blocking channel
     * @param path    the request target
     * @return the status code
     * @throws IOException if the connection fails or the response is malformed
     */
    static int get(SocketChannel channel, String path) throws IOException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.wrap(request);
        while (out.hasRemaining()) {
            channel.write(out);
        }
        return readResponse(channel);
    }

    private static int readResponse(SocketChannel channel) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(HEAD_LIMIT);
        int headEnd;
        while ((headEnd = indexOf(in, 0, "\r\n\r\n")) < 0) {
            if (!in.hasRemaining()) {
                throw new IOException("response head longer than " + HEAD_LIMIT + " bytes");
            }
            fill(channel, in);
        }
        String head = new String(in.array(), 0, headEnd, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.") || head.length() < 12) {
            throw new IOException("not an HTTP response: " + head.lines().findFirst().orElse(""));
        }
        int status = Integer.parseInt(head.substring(9, 12));
        int bodyStart = headEnd + 4;
        String lower = head.toLowerCase(Locale.ROOT);
        long length = contentLength(lower);
        if (length >= 0) {
            long left = length - (in.position() - bodyStart);
            ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
            while (left > 0) {
                sink.clear();
                if (sink.remaining() > left) {
                    sink.limit((int) left);
                }
                left -= fill(channel, sink);
            }
        } else if (lower.contains("transfer-encoding: chunked")) {
            // The probes fetch small bodies: wait for the last chunk and an empty trailer section.
            while (indexOf(in, bodyStart, "0\r\n\r\n") < 0) {
                if (!in.hasRemaining()) {
                    in.position(bodyStart);
                }
                fill(channel, in);
            }
        }
        return status;
    }

    private static long contentLength(String lowerHead) {
        int i = lowerHead.indexOf("\r\ncontent-length:");
        if (i < 0) {
            return -1;
        }
        int start = i + "\r\ncontent-length:".length();
        int end = lowerHead.indexOf("\r\n", start);
        return Long.parseLong(lowerHead.substring(start, end < 0 ? lowerHead.length() : end).trim());
    }

    private static int fill(SocketChannel channel, ByteBuffer in) throws IOException {
        int n = channel.read(in);
        if (n < 0) {
            throw new IOException("connection closed by the server");
        }
        return n;
    }

    private static int indexOf(ByteBuffer in, int from, String needle) {
        byte[] a = in.array();
        int end = in.position() - needle.length();
        outer:
        for (int i = from; i <= end; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (a[i + j] != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
