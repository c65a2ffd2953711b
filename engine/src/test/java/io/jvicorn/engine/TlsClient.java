package io.jvicorn.engine;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * A blocking TLS client on an {@link SSLEngine}, for what {@link javax.net.ssl.SSLSocket} hides: whether the server's
 * output ended with close_notify or with a bare TCP FIN, and sending close_notify without closing the TCP output.
 */
final class TlsClient {
    private final SocketChannel channel;
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private final ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean closeNotifyReceived;

    TlsClient(SSLContext context, SocketChannel connected) {
        this.channel = connected;
        InetSocketAddress remote = (InetSocketAddress) connected.socket().getRemoteSocketAddress();
        this.engine = context.createSSLEngine("localhost", remote.getPort());
        engine.setUseClientMode(true);
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packet).flip();
        netOut = ByteBuffer.allocate(packet);
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    }

    void handshake() throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrap(ByteBuffer.allocate(0));
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapOnce()) {
                        throw new EOFException("the server closed during the handshake");
                    }
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    return;
                }
            }
        }
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(bytes);
        while (src.hasRemaining()) {
            wrap(src);
        }
    }

    /** Sends close_notify; the TCP connection stays open both ways. */
    void sendCloseNotify() throws IOException {
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            wrap(ByteBuffer.allocate(0));
        }
    }

    private void wrap(ByteBuffer src) throws IOException {
        netOut.clear();
        SSLEngineResult r = engine.wrap(src, netOut);
        if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED) {
            throw new IOException("wrap: " + r);
        }
        netOut.flip();
        while (netOut.hasRemaining()) {
            channel.write(netOut);
        }
    }

    /**
     * Unwraps one record, reading from the socket as needed.
     *
     * @return false at a TCP EOF
     */
    private boolean unwrapOnce() throws IOException {
        while (true) {
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
            }
            switch (r.getStatus()) {
                case OK -> {
                    return true;
                }
                case CLOSED -> {
                    closeNotifyReceived = true;
                    return true;
                }
                case BUFFER_OVERFLOW -> {
                    ByteBuffer bigger = ByteBuffer.allocate(appIn.remaining() + engine.getSession()
                            .getApplicationBufferSize());
                    bigger.put(appIn).flip();
                    appIn = bigger;
                }
                case BUFFER_UNDERFLOW -> {
                    netIn.compact();
                    if (netIn.remaining() < engine.getSession().getPacketBufferSize()) {
                        ByteBuffer bigger = ByteBuffer.allocate(netIn.position()
                                + engine.getSession().getPacketBufferSize());
                        netIn.flip();
                        bigger.put(netIn);
                        netIn = bigger;
                    }
                    int n = channel.read(netIn);
                    netIn.flip();
                    if (n < 0) {
                        return false;
                    }
                }
            }
        }
    }

    /** How the server's output ended. */
    enum End { CLOSE_NOTIFY, TCP_EOF_WITHOUT_CLOSE_NOTIFY }

    /** Reads application data until the server's output ends. */
    record Received(byte[] bytes, End end) {
    }

    Received readToEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            boolean more = !closeNotifyReceived && unwrapOnce();
            byte[] chunk = new byte[appIn.remaining()];
            appIn.get(chunk);
            out.writeBytes(chunk);
            if (closeNotifyReceived) {
                return new Received(out.toByteArray(), End.CLOSE_NOTIFY);
            }
            if (!more) {
                return new Received(out.toByteArray(), End.TCP_EOF_WITHOUT_CLOSE_NOTIFY);
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                wrap(ByteBuffer.allocate(0)); // a post-handshake message wants an answer
            }
        }
    }
}
