package io.jvicorn.http2.server;

import io.jvicorn.asgi.Header;
import io.jvicorn.engine.ConnectionHandler;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.server.ExchangeSupport;
import io.jvicorn.http11.server.HttpSettings;
import io.jvicorn.http2.frame.ErrorCode;
import io.jvicorn.http2.session.Http2Request;
import io.jvicorn.http2.session.Http2Session;
import io.jvicorn.http2.session.SessionLimits;
import io.jvicorn.http2.session.SessionListener;
import io.jvicorn.http2.session.SessionState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HTTP/2 on one connection, the loop side: socket bytes go to the connection's {@link Http2Session}; each request it
 * announces becomes a {@link StreamExchange} on its own virtual thread; the parts those hand over are fed to the
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
    private final Map<Integer, StreamExchange> streams = new HashMap<>();
    /** Streams whose part waits for a window or for the writer. */
    private final Set<StreamExchange> waiting = new LinkedHashSet<>();
    private boolean writerBusy;
    /** A flush is queued on the loop: what the streams hand over in one pass of the loop leaves in one write. */
    private boolean flushQueued;
    private boolean closed;
    private long periodStart;
    /** When the connection last had no stream, for the keep-alive timeout; 0 while streams run. */
    private long idleSince;

    /**
     * @param transport the connection
     * @param settings  the server's HTTP settings
     * @param limits    the HTTP/2 limits
     */
    public Http2ConnectionHandler(Transport transport, HttpSettings settings, SessionLimits limits) {
        this.transport = transport;
        this.settings = settings;
        this.support = new ExchangeSupport(transport, settings);
        this.session = new Http2Session(limits, this, true);
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
        session.receive(in);
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
        if (streams.isEmpty() && idleSince != 0 && nowNanos - idleSince > settings.keepAliveNanos()) {
            session.goAway();
            flush();
        }
    }

    @Override
    public void onShutdown() {
        session.goAway();
        flush();
    }

    @Override
    public void onCancel() {
        for (StreamExchange x : List.copyOf(streams.values())) {
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
        for (StreamExchange x : List.copyOf(streams.values())) {
            x.fail();
        }
        waiting.clear();
        settings.activity().connectionClosed();
    }

    // ---------------------------------------------------------------------------------------------- session events

    @Override
    public void request(int streamId, Http2Request request, boolean endStream) {
        if (request.path() == null) { // CONNECT: not served, as over HTTP/1.1
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
        StreamExchange x = streams.get(streamId);
        int n = data.remaining();
        if (x == null) {
            session.consumed(streamId, n);
            return;
        }
        byte[] copy = new byte[n];
        data.get(copy);
        x.body.offer(copy); // bounded by the stream's window: the session refuses more
    }

    @Override
    public void end(int streamId) {
        StreamExchange x = streams.get(streamId);
        if (x != null) {
            x.body.complete();
        }
    }

    @Override
    public void reset(int streamId, ErrorCode code) {
        StreamExchange x = streams.get(streamId);
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
            StreamExchange x = streams.get(streamId);
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
    void pump(StreamExchange x) {
        if (pumpOne(x)) {
            settled(x);
        } else {
            waiting.add(x);
        }
        flushSoon();
    }

    private void pumpWaiting() {
        for (StreamExchange x : List.copyOf(waiting)) {
            if (pumpOne(x)) {
                waiting.remove(x);
                settled(x);
            }
        }
    }

    /** @return false when the part must wait (window or writer) */
    private boolean pumpOne(StreamExchange x) {
        StreamExchange.Outgoing o = x.outgoing();
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
            if (!session.sendHeaders(x.id, o.status, head, endNow)) {
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
            int n = session.sendData(x.id, o.data, lastIsData);
            if (n < 0) {
                x.fail();
                return true;
            }
            if (o.data.hasRemaining()) {
                return false;
            }
        }
        if (o.trailers != null && !session.sendTrailers(x.id, o.trailers)) {
            x.fail();
            return true;
        }
        x.sent();
        return true;
    }

    /** A stream's part was taken whole (or dropped): a stream that finished meanwhile now goes. */
    private void settled(StreamExchange x) {
        Runnable finish = x.finishLater;
        if (finish != null) {
            x.finishLater = null;
            finish.run();
        }
    }

    /**
     * A stream's application finished: its response is complete (or reset), the session lets it go, once the last
     * part the thread handed over without waiting has been sent.
     */
    void finished(StreamExchange x, int droppedBody, boolean incomplete) {
        if (x.outgoing() != null) {
            x.finishLater = () -> finished(x, droppedBody, incomplete);
            return;
        }
        streams.remove(x.id);
        waiting.remove(x);
        session.consumed(x.id, droppedBody);
        if (incomplete) {
            session.reset(x.id, ErrorCode.INTERNAL_ERROR);
        }
        session.release(x.id);
        if (streams.isEmpty()) {
            idleSince = transport.nanoTime();
        }
        flushSoon();
    }

    // ---------------------------------------------------------------------------------------------- output

    /**
     * Flushes once the loop has run the tasks queued so far: the streams' parts handed over in one pass share one
     * write (a write per response cost a system call each with many streams on a connection).
     */
    private void flushSoon() {
        if (!flushQueued) {
            flushQueued = true;
            transport.execute(this::queuedFlush);
        }
    }

    private void queuedFlush() {
        flushQueued = false;
        flush();
    }

    /** Writes what the session owes; what the socket does not take now goes to a writer thread. */
    private void flush() {
        if (closed) {
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
            for (StreamExchange x : List.copyOf(streams.values())) {
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
