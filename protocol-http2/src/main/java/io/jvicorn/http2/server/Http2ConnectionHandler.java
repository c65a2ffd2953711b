package io.jvicorn.http2.server;

import io.jvicorn.asgi.Header;
import io.jvicorn.engine.ConnectionHandler;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.server.ExchangeSupport;
import io.jvicorn.http11.server.HttpSettings;
import io.jvicorn.http11.server.WebSocketUpgrade;
import io.jvicorn.http2.frame.ErrorCode;
import io.jvicorn.http2.session.Http2Request;
import io.jvicorn.http2.session.Http2Session;
import io.jvicorn.http2.session.SessionLimits;
import io.jvicorn.http2.session.SessionListener;
import io.jvicorn.http2.session.SessionState;
import io.jvicorn.http2.session.StreamMap;
import io.jvicorn.http2.session.StreamState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * HTTP/2 on one connection, the loop side: socket bytes go to the connection's {@link Http2Session}; each request it
 * announces becomes a {@link StreamExchange} on its own virtual thread (an extended CONNECT for {@code websocket}, RFC
 * 8441, a {@link WebSocketStream}); the parts those hand over are fed to the
 * session as the client's windows allow, and the session's output is written with a non-blocking write, the rest by a
 * writer virtual thread while reading stops (so a client that does not read holds everything back, and nothing piles
 * up). Every method runs on the loop thread, which owns every field.
 */
public final class Http2ConnectionHandler implements ConnectionHandler, SessionListener {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final long PERIOD_NANOS = 1_000_000_000L;

    private final Transport transport;
    private final HttpSettings settings;
    private final ExchangeSupport support;
    private final Http2Session session;
    private final StreamMap<ServerStream> streams = new StreamMap<>();
    /** Streams whose part waits for a window or for the writer. */
    private final Set<ServerStream> waiting = new LinkedHashSet<>();
    private boolean writerBusy;
    /** A {@link #flushQueued} task waits in the loop's queue. */
    private boolean flushPending;
    private final Runnable flushQueued = this::flushQueued;
    /** Inside {@link Http2Session#receive}: output is flushed once it returns. */
    private boolean receiving;
    private boolean closed;
    private long periodStart;
    /** When the connection last had no stream, for the keep-alive timeout; 0 while streams run. */
    private long idleSince;

    /**
     * @param transport the connection
     * @param settings  the server's HTTP settings
     * @param limits    the HTTP/2 limits (SETTINGS_ENABLE_CONNECT_PROTOCOL follows {@link HttpSettings#webSocket()})
     */
    public Http2ConnectionHandler(Transport transport, HttpSettings settings, SessionLimits limits) {
        this.transport = transport;
        this.settings = settings;
        this.support = new ExchangeSupport(transport, settings);
        // Extended CONNECT (RFC 8441) is announced exactly when this server serves WebSockets.
        this.session = new Http2Session(limits.withConnectProtocol(settings.webSocket() != null), this, true);
        this.session.start();
        this.periodStart = transport.nanoTime();
        this.idleSince = periodStart;
    }

    /**
     * The handler of a connection that is HTTP/2 from its first byte (no HTTP/1.1 handler counted it in).
     *
     * @param transport the connection
     * @param settings  the server's HTTP settings
     * @param limits    the HTTP/2 limits
     * @return the handler
     */
    public static Http2ConnectionHandler opened(Transport transport, HttpSettings settings, SessionLimits limits) {
        settings.activity().connectionOpened();
        return new Http2ConnectionHandler(transport, settings, limits);
    }

    /** Runs a task on the loop (from a stream's thread). */
    void execute(Runnable task) {
        transport.execute(task);
    }

    // ---------------------------------------------------------------------------------------------- input

    @Override
    public void onData(ByteBuffer in) {
        receiving = true;
        try {
            session.receive(in);
        } finally {
            receiving = false;
        }
        in.position(in.limit());
        flush();
    }

    @Override
    public void onInputClosed() {
        // The client sends nothing more: answer what it asked, then close.
        session.goAway();
        flush();
    }

    @Override
    public void onTick(long nowNanos) {
        if (nowNanos - periodStart >= PERIOD_NANOS) {
            periodStart = nowNanos;
            session.newPeriod();
        }
        if (!streams.isEmpty()) {
            for (ServerStream x : streams.values()) {
                x.tick(nowNanos); // a WebSocket's keepalive and close deadline
            }
        }
        if (streams.isEmpty() && idleSince != 0 && nowNanos - idleSince > settings.keepAliveNanos()) {
            session.goAway();
            flush();
        }
    }

    @Override
    public void onShutdown() {
        session.goAway();
        for (ServerStream x : streams.values()) {
            x.shutdown(); // a WebSocket closes with 1012; an exchange finishes
        }
        flush();
    }

    @Override
    public void onCancel() {
        for (ServerStream x : streams.values()) {
            x.cancel();
        }
        transport.close();
    }

    @Override
    public void onClosed() {
        if (closed) {
            return;
        }
        closed = true;
        for (ServerStream x : streams.values()) {
            x.fail();
        }
        waiting.clear();
        settings.activity().connectionClosed();
    }

    // ---------------------------------------------------------------------------------------------- session events

    @Override
    public void request(int streamId, Http2Request request, boolean endStream) {
        String protocol = request.protocol();
        WebSocketUpgrade webSocket = settings.webSocket();
        if (protocol != null && protocol.equals("websocket") && webSocket != null) {
            // RFC 8441: the stream becomes the WebSocket's connection.
            WebSocketStream x = new WebSocketStream(streamId, RequestHeads.of(request), this, transport, settings,
                    support);
            streams.put(streamId, x);
            idleSince = 0;
            if (endStream) {
                x.end(); // nothing can follow: the handler sees its input end once it reads
            }
            transport.startVirtualThread("jvicorn-h2-websocket-" + streamId, () -> x.run(webSocket));
            return;
        }
        if (request.method().equals("CONNECT")) { // a tunnel, or another :protocol: not served, as over HTTP/1.1
            session.sendHeaders(streamId, 501, List.of(new Header("content-length", "0")), true);
            session.release(streamId);
            return;
        }
        StreamExchange x = new StreamExchange(streamId, RequestHeads.of(request), endStream, this, settings, support);
        streams.put(streamId, x);
        idleSince = 0;
        transport.startVirtualThread("jvicorn-h2-stream-" + streamId, x::run);
    }

    @Override
    public void data(int streamId, ByteBuffer data) {
        ServerStream x = streams.get(streamId);
        if (x == null) {
            session.consumed(streamId, data.remaining());
            return;
        }
        x.data(data); // bounded by the stream's window: the session refuses more
    }

    @Override
    public void end(int streamId) {
        ServerStream x = streams.get(streamId);
        if (x != null) {
            x.end();
        }
    }

    @Override
    public void reset(int streamId, ErrorCode code) {
        ServerStream x = streams.get(streamId);
        if (x != null) {
            waiting.remove(x);
            x.fail();
            settled(x);
            LOG.log(System.Logger.Level.DEBUG, "stream {0} reset: {1}", streamId, code);
        }
    }

    @Override
    public void windowOpened(int streamId) {
        if (streamId == 0) {
            pumpWaiting();
        } else {
            ServerStream x = streams.get(streamId);
            if (x != null && waiting.remove(x)) {
                pump(x);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- from streams

    /** A stream's thread read request body octets: the client may send as much again. */
    void consumed(int streamId, int n) {
        session.consumed(streamId, n);
        flushSoon();
    }

    /** Feeds a stream's waiting part to the session, as far as the windows allow. */
    void pump(ServerStream x) {
        if (pumpOne(x)) {
            settled(x);
        } else {
            waiting.add(x);
        }
        flushSoon();
    }

    private void pumpWaiting() {
        for (ServerStream x : List.copyOf(waiting)) {
            if (pumpOne(x)) {
                waiting.remove(x);
                settled(x);
            }
        }
    }

    /** A stream's waiting part was sent, or the stream is gone: a finish that waited for it happens now. */
    private void settled(ServerStream x) {
        Runnable r = x.whenSettled;
        if (r != null) {
            x.whenSettled = null;
            r.run();
        }
    }

    /** @return false when the part must wait (window or writer) */
    private boolean pumpOne(ServerStream x) {
        Outgoing o = x.outgoing();
        if (o == null) {
            return true;
        }
        if (writerBusy) {
            return false;
        }
        boolean lastIsData = o.endStream && o.trailers == null;
        List<Header> head = o.headers;
        if (head != null) {
            boolean endNow = lastIsData && !o.data.hasRemaining();
            if (!session.sendHeaders(x.id(), o.status, head, endNow)) {
                x.fail();
                return true;
            }
            o.headers = null;
            if (endNow) {
                x.sent();
                return true;
            }
        }
        if (o.data.hasRemaining() || lastIsData) {
            int n = session.sendData(x.id(), o.data, lastIsData);
            if (n < 0) {
                x.fail();
                return true;
            }
            if (o.data.hasRemaining()) {
                return false;
            }
        }
        if (o.trailers != null && !session.sendTrailers(x.id(), o.trailers)) {
            x.fail();
            return true;
        }
        x.sent();
        return true;
    }

    /** A WebSocket stream gave its handler {@code n} octets, or dropped them: the client may send as much again. */
    void giveBack(int streamId, int n) {
        session.consumed(streamId, n);
        flushSoon();
    }

    /** A WebSocket stream ends in order: END_STREAM, unless the response ended it already. */
    void endStream(int streamId) {
        StreamState state = session.streamState(streamId);
        if (state == StreamState.OPEN || state == StreamState.HALF_CLOSED_REMOTE) {
            session.sendData(streamId, ByteBuffer.allocate(0), true);
        }
        flushSoon();
    }

    /** A WebSocket stream ends abruptly: RST_STREAM CANCEL. */
    void resetStream(int streamId) {
        session.reset(streamId, ErrorCode.CANCEL);
        flushSoon();
    }

    /**
     * A stream's application finished: its response is complete (or reset), the session lets it go; once its last part
     * is sent if that waits for the client's window.
     */
    void finished(ServerStream x, int droppedBody, boolean incomplete) {
        if (x.outgoing() != null) {
            x.whenSettled = () -> finished(x, droppedBody, incomplete);
            return;
        }
        int id = x.id();
        streams.remove(id);
        waiting.remove(x);
        session.consumed(id, droppedBody);
        if (incomplete) {
            session.reset(id, ErrorCode.INTERNAL_ERROR);
        }
        session.release(id);
        if (streams.isEmpty()) {
            idleSince = transport.nanoTime();
        }
        flushSoon();
    }

    // ---------------------------------------------------------------------------------------------- output

    /**
     * Flushes once the loop has run the tasks queued before this one: the parts that many streams hand over in one
     * pass of the loop leave in one write, not one write each.
     */
    private void flushSoon() {
        if (!flushPending) {
            flushPending = true;
            transport.execute(flushQueued);
        }
    }

    private void flushQueued() {
        flushPending = false;
        flush();
    }

    /** Writes what the session owes; what the socket does not take now goes to a writer thread. */
    private void flush() {
        if (closed || receiving) {
            return;
        }
        if (!writerBusy && session.outputSize() > 0) {
            ByteBuffer out = session.output();
            try {
                if (!transport.tryWrite(new ByteBuffer[] {out})) {
                    ByteBuffer rest = ByteBuffer.allocate(out.remaining()).put(out).flip();
                    writerBusy = true;
                    transport.suspendReads(); // nothing more is asked of us until the client reads
                    transport.startVirtualThread("jvicorn-h2-writer", () -> finishWrite(rest));
                }
            } catch (IOException e) {
                transport.close();
                return;
            } finally {
                session.outputWritten();
            }
        }
        if (!writerBusy && session.state() == SessionState.CLOSED && session.outputSize() == 0) {
            String failure = session.failure();
            if (failure != null) {
                LOG.log(System.Logger.Level.DEBUG, "HTTP/2 connection error: {0}", failure);
            }
            closed = true;
            for (ServerStream x : streams.values()) {
                x.fail();
            }
            settings.activity().connectionClosed();
            transport.closeGracefully();
        }
    }

    private void finishWrite(ByteBuffer rest) {
        try {
            transport.write(rest);
            transport.execute(this::writerDone);
        } catch (IOException e) {
            transport.close();
        }
    }

    private void writerDone() {
        writerBusy = false;
        if (closed) {
            return;
        }
        transport.resumeReads();
        pumpWaiting();
        flush();
    }

    /** For tests: streams running. */
    int streamCount() {
        return streams.size();
    }
}
