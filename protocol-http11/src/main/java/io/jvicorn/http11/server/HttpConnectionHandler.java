package io.jvicorn.http11.server;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.NonBlockingApplication;
import io.jvicorn.engine.Connection;
import io.jvicorn.engine.ConnectionHandler;
import io.jvicorn.http11.codec.BodyData;
import io.jvicorn.http11.codec.OutputBuffer;
import io.jvicorn.http11.codec.ParseError;
import io.jvicorn.http11.codec.ParseEvent;
import io.jvicorn.http11.codec.RequestEnd;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.codec.RequestParser;
import io.jvicorn.http11.codec.ResponseEncoder;
import io.jvicorn.http11.proxy.AddressText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 on one connection.
 *
 * <p>The loop side (every {@code on*} method) feeds socket bytes to the sans-IO {@link RequestParser} and turns its
 * events into {@link Exchange}s, body chunks and errors. Exchanges run in order on one worker virtual thread per
 * connection, started when work arrives and ended when there is none, so an idle keep-alive connection holds no
 * thread and no buffer. The worker writes responses itself (see {@link Connection#write}); responses to pipelined
 * requests already parsed are batched into one write.
 */
public final class HttpConnectionHandler implements ConnectionHandler {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final System.Logger ACCESS = System.getLogger("jvicorn.access");
    // Not inheriting: a worker started by the previous request's worker must not carry that request's values.
    private static final ThreadFactory WORKERS = Thread.ofVirtual().name("jvicorn-http")
            .inheritInheritableThreadLocals(false).factory();
    /** Requests parsed ahead of their responses before the loop stops reading. */
    static final int MAX_PIPELINE = 16;
    /** Output kept back while more pipelined responses follow. */
    private static final int BATCH_LIMIT = 16 * 1024;
    /** Unread request body the server reads and drops after the response, before it closes instead. */
    private static final long MAX_DISCARD = 1024 * 1024;
    /** Largest body that a non-blocking application may get inline (it is below RequestBody's pause mark). */
    private static final int INLINE_BODY_LIMIT = RequestBody.LOW_WATER;

    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0);
    private static final int PAUSE_PIPELINE = 1;
    private static final int PAUSE_BODY = 2;
    private static final int PAUSE_STOPPED = 4;

    private final Connection connection;
    private final HttpSettings settings;
    private final @Nullable Address client;
    private final ScopeFactory scopes;
    private final boolean inlineCapable;

    // Loop thread only.
    private @Nullable RequestParser parser;
    private @Nullable Exchange bodyTarget;
    /** A request of a non-blocking application whose body is arriving in the current read, to be answered inline. */
    private @Nullable Exchange inlineWaiting;
    /** The last request (Connection: close) has a body: stop reading once it is read. */
    private boolean stopAfterBody;
    private @Nullable ByteBuffer pending;
    private int pauses;
    private long headDeadline;

    // Shared between the loop and the worker.
    private final ConcurrentLinkedQueue<Exchange> ready = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean workerActive = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean pipelinePaused;
    private volatile boolean shuttingDown;
    private volatile long lastActivity;
    private volatile @Nullable Exchange current;

    // Worker thread only (one worker at a time; the queue hand-off orders their memory effects).
    private @Nullable ResponseEncoder encoder;
    private @Nullable OutputBuffer out;
    private boolean closeRequested;
    /** True while a {@link NonBlockingApplication} runs on the loop thread: output is buffered, never waited for. */
    private boolean inline;
    /** Loop only: inline responses not yet written, and whether the connection closes after them. */
    private @Nullable OutputBuffer inlineOut;
    private boolean inlineClose;

    /**
     * @param connection the connection
     * @param settings   the server's HTTP settings
     */
    public HttpConnectionHandler(Connection connection, HttpSettings settings) {
        this.connection = connection;
        this.settings = settings;
        this.client = toAddress(connection.remoteAddress());
        this.scopes = new ScopeFactory(connection, settings, client, LocalAddresses.of(connection.localAddress()));
        this.inlineCapable = settings.app() instanceof NonBlockingApplication;
        this.lastActivity = System.nanoTime();
        settings.activity().connectionOpened();
        if (LOG.isLoggable(System.Logger.Level.TRACE)) {
            LOG.log(System.Logger.Level.TRACE, "{0} - HTTP connection made", client == null ? "-" : client);
        }
    }

    static @Nullable Address toAddress(@Nullable SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return new Address(inet.getAddress() != null ? AddressText.of(inet.getAddress()) : inet.getHostString(), inet.getPort());
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            return new Address(unix.getPath().toString(), null);
        }
        return null;
    }

    // ---------------------------------------------------------------- loop side

    @Override
    public void onData(ByteBuffer in) {
        if ((pauses & PAUSE_STOPPED) != 0) {
            return;
        }
        RequestParser p = parser;
        if (p == null) {
            p = ParserPool.take(settings.limits());
            parser = p;
        }
        do {
            feed(p, in);
            Exchange waiting = inlineWaiting;
            if (waiting != null) {
                inlineWaiting = null; // its body did not end in this read after all (a pause came first)
                dispatch(waiting);
            }
            flushInline();
        } while (pauses == 0 && in.hasRemaining() && connection.isOpen()); // a pause may have been lifted meanwhile
        if (in.hasRemaining() && connection.isOpen()) {
            ByteBuffer copy = ByteBuffer.allocate(in.remaining());
            copy.put(in).flip();
            pending = copy;
        }
        if (p.isIdle()) {
            if (pending == null) {
                parser = null; // nothing between requests: an idle connection keeps no parser
                ParserPool.give(p);
            }
        } else if (headDeadline == 0 && p.isReadingHead()) {
            headDeadline = System.nanoTime() + settings.headerTimeoutNanos();
        }
    }

    private void feed(RequestParser p, ByteBuffer in) {
        while (pauses == 0) {
            ParseEvent event = p.next(in);
            if (event == null) {
                return;
            }
            switch (event) {
                case RequestHead head -> onHead(head, in);
                case BodyData data -> onBody(data);
                case RequestEnd end -> onBodyEnd();
                case ParseError error -> onError(error);
            }
        }
    }

    private void onHead(RequestHead head, ByteBuffer in) {
        headDeadline = 0;
        if (shuttingDown) {
            stopReading();
            if (inFlight.get() == 0) {
                connection.close();
            }
            return;
        }
        Exchange exchange = Exchange.request(this, head);
        if (head.hasBody()) {
            bodyTarget = exchange;
        }
        if (head.upgradeWebSocket() && settings.webSocket() != null) {
            ByteBuffer rest = ByteBuffer.allocate(in.remaining());
            rest.put(in).flip();
            exchange.leftover = rest;
            stopReading();
        } else if (!head.keepAlive()) {
            // Requests pipelined after "Connection: close" are not answered; this one's body is still read.
            if (head.hasBody()) {
                stopAfterBody = true;
            } else {
                stopReading();
            }
        }
        boolean inlineNow = inlineCapable && exchange.leftover == null && inFlight.get() == 0 && !workerActive.get();
        if (inlineNow && !head.hasBody()) {
            runInline(exchange);
        } else if (inlineNow && !head.chunked() && head.contentLength() <= Math.min(in.remaining(), INLINE_BODY_LIMIT)) {
            inlineWaiting = exchange; // its whole body is in this read: answered inline at its end (onBodyEnd)
        } else {
            dispatch(exchange);
        }
    }

    /**
     * Answers a body-less request of a {@link NonBlockingApplication} on the loop thread. Nothing else writes to the
     * connection now (no exchange is in flight and no worker runs), so the loop may use the worker's encoder. Responses
     * to requests that arrived together are collected and written at once, without waiting, by {@link #flushInline};
     * what the socket does not take is finished by a worker, and later requests queue behind it.
     */
    private void runInline(Exchange exchange) {
        OutputBuffer buffer = inlineOut;
        if (buffer == null) {
            buffer = OutputBufferPool.SHARED.acquire();
            inlineOut = buffer;
        }
        out = buffer;
        ResponseEncoder responses = EncoderPool.take(settings.defaults());
        encoder = responses;
        inline = true;
        closeRequested = false;
        try {
            if (process(exchange) || closeRequested || shuttingDown) {
                inlineClose = true;
                stopReading();
            }
        } finally {
            inline = false;
            out = null;
            encoder = null;
            EncoderPool.give(responses);
        }
        lastActivity = System.nanoTime();
        if (inlineClose || buffer.size() >= BATCH_LIMIT) {
            flushInline();
        }
    }

    /** Writes the collected inline responses without waiting, handing what is left to a worker. */
    private void flushInline() {
        OutputBuffer buffer = inlineOut;
        if (buffer == null) {
            return;
        }
        inlineOut = null;
        boolean close = inlineClose;
        inlineClose = false;
        boolean written;
        try {
            written = buffer.isEmpty() || connection.tryWrite(buffer.buffers());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "write failed: {0}", e.getMessage());
            OutputBufferPool.SHARED.release(buffer);
            stopReading();
            connection.close();
            return;
        }
        if (!written) {
            enqueue(Exchange.remainingOutput(this, buffer, close));
            return;
        }
        OutputBufferPool.SHARED.release(buffer);
        if (close) {
            connection.closeGracefully();
        }
    }

    private void onBody(BodyData data) {
        Exchange target = bodyTarget;
        if (target == null) {
            return;
        }
        ByteBuffer bytes = data.data();
        if (target.discarding) {
            target.discarded += bytes.remaining();
            bytes.position(bytes.limit());
            if (target.discarded > MAX_DISCARD) {
                stopReading();
                connection.close();
            }
            return;
        }
        byte[] chunk = new byte[bytes.remaining()];
        bytes.get(chunk);
        if (target.body.offer(chunk)) {
            pause(PAUSE_BODY);
        }
    }

    private void onBodyEnd() {
        Exchange target = bodyTarget;
        if (target != null) {
            bodyTarget = null;
            target.body.complete();
            if (stopAfterBody) {
                stopAfterBody = false;
                stopReading();
            }
            if (target == inlineWaiting) {
                inlineWaiting = null;
                runInline(target);
            }
        }
    }

    private void onError(ParseError error) {
        headDeadline = 0;
        LOG.log(System.Logger.Level.DEBUG, "Invalid HTTP request received ({0} {1}) from {2}", error.status(), error.reason(), client);
        stopReading();
        Exchange target = bodyTarget;
        if (target != null) {
            // The body of a request the app already has is broken: that exchange answers with the error.
            bodyTarget = null;
            target.failBody(error);
        } else {
            dispatch(Exchange.failure(this, error));
        }
    }

    private void dispatch(Exchange exchange) {
        flushInline(); // earlier inline responses go out before anything a worker writes
        enqueue(exchange);
    }

    private void enqueue(Exchange exchange) {
        int n = inFlight.incrementAndGet();
        ready.add(exchange);
        if (workerActive.compareAndSet(false, true)) {
            WORKERS.newThread(this::runWorker).start();
        }
        if (n >= MAX_PIPELINE) {
            pipelinePaused = true;
            pause(PAUSE_PIPELINE);
            if (inFlight.get() < MAX_PIPELINE) { // the worker may have finished one meanwhile
                pipelinePaused = false;
                pauses &= ~PAUSE_PIPELINE;
                if (pauses == 0) {
                    connection.resumeReads(); // the feed that called us goes on with the bytes at hand
                }
            }
        }
    }

    private void pause(int reason) {
        pauses |= reason;
        connection.suspendReads();
    }

    private void stopReading() {
        pause(PAUSE_STOPPED);
    }

    private void unpause(int reason) {
        if ((pauses & reason) == 0) {
            return;
        }
        pauses &= ~reason;
        if (pauses != 0) {
            return;
        }
        // Feed even without saved bytes: the parser may owe an event that needs no more input (the end of a body
        // whose last bytes arrived just before the pause), and the client may be waiting for our answer to it.
        ByteBuffer saved = pending;
        pending = null;
        onData(saved != null ? saved : NO_BYTES);
        if (pending != null || pauses != 0) {
            return;
        }
        connection.resumeReads();
    }

    private void resumePipeline() {
        pipelinePaused = false;
        unpause(PAUSE_PIPELINE);
    }

    /** The application read the body down to the low-water mark: read again. Any thread. */
    void resumeBody() {
        connection.execute(() -> unpause(PAUSE_BODY));
    }

    @Override
    public void onInputClosed() {
        RequestParser p = parser;
        ParseError incomplete = p == null ? null : p.endOfInput();
        if (incomplete != null) {
            LOG.log(System.Logger.Level.DEBUG, "client {0} closed the connection mid-request", client);
        }
        connection.close();
    }

    @Override
    public void onTick(long now) {
        if (inFlight.get() != 0) {
            return;
        }
        if (headDeadline != 0) {
            if (now - headDeadline >= 0) {
                headDeadline = 0;
                LOG.log(System.Logger.Level.DEBUG, "request head from {0} not complete in time", client);
                stopReading();
                dispatch(Exchange.failure(this, new ParseError(408, "request header timeout")));
            }
        } else if ((parser == null || parser.isIdle()) && pending == null && now - lastActivity - settings.keepAliveNanos() >= 0) {
            connection.close();
        }
    }

    @Override
    public void onShutdown() {
        shuttingDown = true;
        if (inFlight.get() == 0) {
            connection.close();
        } else {
            stopReading();
        }
    }

    @Override
    public void onCancel() {
        forEachExchange(true);
        connection.close();
    }

    @Override
    public void onClosed() {
        pauses |= PAUSE_STOPPED;
        pending = null;
        OutputBuffer unsent = inlineOut;
        if (unsent != null) {
            inlineOut = null;
            OutputBufferPool.SHARED.release(unsent);
        }
        forEachExchange(false);
        RequestParser p = parser;
        if (p != null) {
            parser = null;
            if (p.isIdle()) {
                ParserPool.give(p);
            }
        }
        settings.activity().connectionClosed();
        if (LOG.isLoggable(System.Logger.Level.TRACE)) {
            LOG.log(System.Logger.Level.TRACE, "{0} - HTTP connection lost", client == null ? "-" : client);
        }
    }

    private void forEachExchange(boolean cancel) {
        Exchange running = current;
        if (running != null) {
            if (cancel) {
                running.cancel();
            } else {
                running.disconnect();
            }
        }
        for (Exchange e : ready) {
            e.disconnect();
        }
        Exchange target = bodyTarget;
        if (target != null) {
            target.disconnect();
        }
    }

    private void afterExchange(Exchange exchange) {
        if (bodyTarget == exchange) {
            // The application is done but the client is still sending this body: read and drop it.
            exchange.discarding = true;
            unpause(PAUSE_BODY);
        }
    }

    // ---------------------------------------------------------------- worker side

    private void runWorker() {
        OutputBuffer buffer = OutputBufferPool.SHARED.acquire();
        ResponseEncoder responses = EncoderPool.take(settings.defaults());
        boolean handOver = false;
        do {
            out = buffer;
            encoder = responses;
            closeRequested = false;
            Exchange exchange;
            while ((exchange = ready.poll()) != null) {
                current = exchange;
                if (!connection.isOpen()) {
                    exchange.disconnect(); // closed before `current` was visible to the loop's onClosed
                }
                boolean close = process(exchange);
                current = null;
                if (close || closeRequested || shuttingDown) {
                    flushQuietly();
                    connection.closeGracefully();
                    drainAfterClose();
                } else if (!exchange.body.isComplete()) {
                    Exchange finished = exchange;
                    connection.execute(() -> afterExchange(finished));
                }
                lastActivity = System.nanoTime();
                int left = inFlight.decrementAndGet();
                if (pipelinePaused && left < MAX_PIPELINE) {
                    connection.execute(this::resumePipeline);
                }
                if (settings.threadPerRequest() && !ready.isEmpty()) {
                    handOver = true; // the next request gets a new thread, hence fresh ThreadLocals
                    break;
                }
            }
            flushQuietly();
            // Give up the worker-owned fields before another worker may start.
            out = null;
            encoder = null;
            if (handOver) {
                break; // workerActive stays set: the new worker owns the connection's exchanges
            }
            workerActive.set(false);
        } while (!ready.isEmpty() && workerActive.compareAndSet(false, true));
        OutputBufferPool.SHARED.release(buffer);
        EncoderPool.give(responses);
        if (handOver) {
            WORKERS.newThread(this::runWorker).start();
        }
    }

    /** After a close, requests still queued get nothing; count them out. */
    private void drainAfterClose() {
        Exchange dropped;
        while ((dropped = ready.poll()) != null) {
            dropped.disconnect();
            inFlight.decrementAndGet();
        }
    }

    /** @return true if the connection must close after this exchange */
    private boolean process(Exchange exchange) {
        OutputBuffer unwritten = exchange.unwritten;
        if (unwritten != null) {
            try {
                connection.write(unwritten.buffers());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "write failed: {0}", e.getMessage());
                return true;
            } finally {
                OutputBufferPool.SHARED.release(unwritten);
            }
            return exchange.closeAfterOutput;
        }
        ParseError error = exchange.error;
        if (error != null) {
            writeQuietly(ResponseEncoder.plainResponse(error.status(), error.reason(), settings.defaults()));
            return true;
        }
        RequestHead head = exchange.head;
        assert head != null;
        Integer limit = settings.limitConcurrency();
        if (limit != null && settings.activity().overLimit(limit)) {
            LOG.log(System.Logger.Level.WARNING, "Exceeded concurrency limit.");
            sendPlain(503, "Service Unavailable", head, client, System.nanoTime());
            return true;
        }
        settings.activity().taskStarted();
        try {
            if (exchange.isUpgrade()) {
                return upgrade(exchange, head);
            }
            return exchange.run(scopes.httpScope(head));
        } finally {
            settings.activity().taskFinished();
        }
    }

    private boolean upgrade(Exchange exchange, RequestHead head) {
        WebSocketUpgrade webSocket = settings.webSocket();
        ByteBuffer leftover = exchange.leftover;
        assert webSocket != null && leftover != null;
        flushQuietly();
        ScopeFactory.Endpoints endpoints = scopes.endpoints(head, true);
        try {
            webSocket.run(new UpgradeRequest(connection, head, scopes.path(head), scopes.rawPath(head),
                    endpoints.client(), endpoints.server(), new HashMap<>(settings.state()), settings, leftover,
                    endpoints.scheme(), scopes.tlsExtension(), this::isShuttingDown));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "Exception in ASGI application", e);
        }
        return true;
    }

    HttpSettings settings() {
        return settings;
    }

    Connection connection() {
        return connection;
    }

    ResponseEncoder encoder() {
        ResponseEncoder e = encoder;
        assert e != null : "encoder used outside a worker run or an inline answer";
        return e;
    }

    OutputBuffer out() {
        OutputBuffer o = out;
        assert o != null : "output used outside the worker";
        return o;
    }

    boolean isInline() {
        return inline;
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    /** The application broke the protocol: close the connection after this exchange. */
    void requestClose() {
        closeRequested = true;
    }

    /** A response is complete: write it now unless more pipelined responses can join it. */
    void responseComplete() throws IOException {
        OutputBuffer o = out();
        if (ready.isEmpty() || o.size() >= BATCH_LIMIT) {
            flush();
        }
    }

    void flush() throws IOException {
        if (inline) {
            return; // written by runInline once the application returns
        }
        OutputBuffer o = out();
        if (!o.isEmpty()) {
            try {
                connection.write(o.buffers());
            } finally {
                o.clear();
            }
        }
    }

    void flushQuietly() {
        try {
            flush();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "write failed: {0}", e.getMessage());
        }
    }

    void writeNow(byte[] bytes) throws IOException {
        if (inline) {
            out().write(bytes);
            return;
        }
        flush();
        connection.write(ByteBuffer.wrap(bytes));
    }

    private void writeQuietly(byte[] bytes) {
        try {
            writeNow(bytes);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "write failed: {0}", e.getMessage());
        }
    }

    void sendPlain(int status, String body, RequestHead head, @Nullable Address logClient, long startNanos) {
        out().clear();
        byte[] response = ResponseEncoder.plainResponse(status, body, settings.defaults());
        writeQuietly(response);
        accessLog(logClient, head, status, body.length(), startNanos);
    }

    void accessLog(@Nullable Address logClient, RequestHead head, int status, long bytes, long startNanos) {
        AccessLogFormat format = settings.accessLog();
        if (format != null && ACCESS.isLoggable(System.Logger.Level.INFO)) {
            ACCESS.log(System.Logger.Level.INFO, format.format(logClient, head, status, bytes, System.nanoTime() - startNanos));
        }
    }
}
