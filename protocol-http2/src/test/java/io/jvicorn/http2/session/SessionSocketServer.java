package io.jvicorn.http2.session;

import io.jvicorn.asgi.Header;
import io.jvicorn.http2.frame.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only h2c server (prior knowledge) that drives {@link Http2Session} over blocking sockets, one platform thread
 * per connection, to check the sans-IO layer against real clients and h2spec before the engine carries it. Every
 * request is answered once it has ended: 200, {@code text/plain}, a body naming the method and path and the request
 * body's length, sent as the client's windows allow. Request bodies are consumed at once.
 */
final class SessionSocketServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Thread acceptor;

    SessionSocketServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("h2-test-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread.ofPlatform().daemon().name("h2-test-conn").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            Connection c = new Connection();
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            c.session.start();
            flush(c.session, out);
            byte[] buffer = new byte[16 * 1024];
            int n;
            while (c.session.state() != SessionState.CLOSED && (n = in.read(buffer)) > 0) {
                c.session.receive(ByteBuffer.wrap(buffer, 0, n));
                c.pump();
                flush(c.session, out);
            }
            flush(c.session, out);
        } catch (IOException e) {
            // the client left
        }
    }

    private static void flush(Http2Session session, OutputStream out) throws IOException {
        ByteBuffer bytes = session.output();
        if (bytes.hasRemaining()) {
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            out.flush();
        }
        session.outputWritten();
    }

    /** One connection's application: answers each ended request. */
    private static final class Connection implements SessionListener {
        final Http2Session session = new Http2Session(SessionLimits.DEFAULTS, this, true);
        private final Map<Integer, String> heads = new LinkedHashMap<>();
        private final Map<Integer, Long> bodies = new LinkedHashMap<>();
        /** Response bodies waiting for window. */
        private final Map<Integer, ByteBuffer> pending = new LinkedHashMap<>();

        @Override
        public void request(int streamId, Http2Request request, boolean endStream) {
            heads.put(streamId, request.method() + " " + request.path());
            bodies.put(streamId, 0L);
            if (endStream) {
                end(streamId);
            }
        }

        @Override
        public void data(int streamId, ByteBuffer data) {
            bodies.merge(streamId, (long) data.remaining(), Long::sum);
            session.consumed(streamId, data.remaining());
        }

        @Override
        public void end(int streamId) {
            String text = heads.remove(streamId) + " " + bodies.remove(streamId) + "\n";
            session.sendHeaders(streamId, 200, List.of(new Header("content-type", "text/plain")), false);
            pending.put(streamId, ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        }

        @Override
        public void reset(int streamId, ErrorCode code) {
            heads.remove(streamId);
            bodies.remove(streamId);
            pending.remove(streamId);
            session.release(streamId);
        }

        @Override
        public void windowOpened(int streamId) {
            // pump() runs after every read
        }

        /** Sends what the windows allow of each waiting body; ends and releases the streams that finish. */
        void pump() {
            var it = pending.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                int sent = session.sendData(e.getKey(), e.getValue(), true);
                if (sent < 0 || !e.getValue().hasRemaining()) {
                    it.remove();
                    session.release(e.getKey());
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        acceptor.interrupt();
    }
}
