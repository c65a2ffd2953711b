package io.jvicorn.http11.server;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.NonBlockingApplication;
import io.jvicorn.engine.ConnectionHandler;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.codec.BodyData;
import io.jvicorn.http11.codec.ParseError;
import io.jvicorn.http11.codec.ParseEvent;
import io.jvicorn.http11.codec.RequestEnd;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.codec.RequestParser;
import io.jvicorn.http11.codec.Violation;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 on one connection, the loop side: every method runs on the transport's loop thread and every field here is
 * owned by it. Socket bytes go to the sans-IO {@link RequestParser}; its events become {@link Exchange}s, body chunks
 * and errors. Exchanges go through the {@link ExchangeQueue} to the connection's {@link Worker}, or, for a
 * {@link NonBlockingApplication}, are answered on the loop itself by the {@link InlineResponder}. The lifecycle is the
 * {@link ConnectionState} machine; see its theory of operation.
 */
public final class HttpConnectionHandler implements ConnectionHandler {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    /** Unread request body the server reads and drops after the response, before it closes instead. */
    private static final long MAX_DISCARD = 1024 * 1024;
    /** Largest body that a non-blocking application may get inline (it is below RequestBody's pause mark). */
    private static final int INLINE_BODY_LIMIT = RequestBody.LOW_WATER;
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0);
    /** How long an idle connection waits for a request already on its way when the server shuts down. */
    private static final long IDLE_SHUTDOWN_GRACE_NANOS = 300_000_000L;
    private static final int PAUSE_PIPELINE = 1;
    private static final int PAUSE_BODY = 2;

    private final Transport transport;
    private final HttpSettings settings;
    private final @Nullable Address client;
    private final ExchangeQueue queue;
    private final Worker worker;
    private final @Nullable InlineResponder inline;
    private final BodyFlow bodyFlow;

    private ConnectionState state = ConnectionState.OPEN;
    /** Whether the connection's first bytes may still be HTTP/2's preface (only before any request). */
    private boolean probingHttp2;
    /** The first bytes, while too few to tell HTTP/2 from HTTP/1.1. */
    private @Nullable ByteBuffer probed;
    private @Nullable RequestParser parser;
    /** The exchange whose request body is arriving. */
    private @Nullable Exchange bodyTarget;
    /** A request of a non-blocking application whose body is arriving in the current read, to be answered inline. */
    private @Nullable Exchange inlineWaiting;
    /** Bytes read but not parsed because of a pause. */
    private @Nullable ByteBuffer pending;
    private int pauses;
    private boolean readsOn = true;
    private long headDeadline;
    /** When an idle connection closes after the server began shutting down; 0 while not shutting down. */
    private long shutdownDeadline;
    /** When the next body byte is due while a body is being read and nothing holds reading back; 0 for none. */
    private long bodyDeadline;

    /**
     * @param transport the connection
     * @param settings  the server's HTTP settings
     */
    public HttpConnectionHandler(Transport transport, HttpSettings settings) {
        this.transport = transport;
        this.settings = settings;
        this.client = AsgiAddresses.of(transport.remoteAddress());
        this.queue = new ExchangeQueue(transport.nanoTime());
        ScopeFactory scopes = new ScopeFactory(transport, settings, client, AsgiAddresses.local(transport.localAddress()));
        ResponseOutput output = new ResponseOutput(transport, queue, settings.defaults());
        this.worker = new Worker(transport, settings, queue, scopes, output, this::onExchangeFinished);
        // Chosen by the application served when the connection opens; each answer checks the one serving then.
        this.inline = settings.activity().serving().answersInline()
                ? new InlineResponder(transport, settings.activity(), queue, output, worker, this::dispatch) : null;
        Runnable unpauseBody = () -> unpause(PAUSE_BODY);
        this.bodyFlow = new BodyFlow() {
            @Override
            public void resume() {
                transport.execute(unpauseBody);
            }

            @Override
            public void abandon(Exchange exchange) {
                transport.execute(() -> bodyLeftUnread(exchange));
            }
        };
        this.probingHttp2 = settings.http2() != null;
        settings.activity().connectionOpened();
        if (LOG.isLoggable(System.Logger.Level.TRACE)) {
            LOG.log(System.Logger.Level.TRACE, "{0} - HTTP connection made", client == null ? "-" : client);
        }
    }

    /** @return requests accepted and not yet answered; for tests, from any thread */
    int exchangesInFlight() {
        return queue.inFlight();
    }

    // ---------------------------------------------------------------- input

    @Override
    public void onData(ByteBuffer in) {
        if (probingHttp2) {
            in = probeHttp2(in);
            if (in == null) {
                return; // handed over, or waiting for the rest of the prefix
            }
        }
        if (!wantsInput()) {
            in.position(in.limit()); // closing: read and discarded, never parsed
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
            if (inline != null) {
                inline.flush();
            }
        } while (pauses == 0 && in.hasRemaining() && wantsInput());
        if (in.hasRemaining() && wantsInput()) {
            ByteBuffer copy = ByteBuffer.allocate(in.remaining());
            copy.put(in).flip();
            pending = copy;
        } else {
            in.position(in.limit());
        }
        if (parser != p) {
            return; // closed meanwhile: onClosed took care of the parser
        }
        if (p.isIdle()) {
            if (pending == null) {
                parser = null; // nothing between requests: an idle connection keeps no parser
                ParserPool.give(p);
            }
        } else if (headDeadline == 0 && p.isReadingHead() && state.parsesRequests()) {
            headDeadline = transport.nanoTime() + settings.headerTimeoutNanos();
        }
        // Every read that leaves a body unfinished restarts its clock: the limit is on silence, not on the whole body,
        // so a slow but steady upload survives.
        bodyDeadline = bodyTarget != null ? transport.nanoTime() + settings.bodyTimeoutNanos() : 0;
    }

    /**
     * The first bytes of the connection, while they may still be HTTP/2's preface: once they are, the connection goes
     * to the HTTP/2 handler with every byte read so far; once they cannot be, HTTP/1.1 parsing goes on with them.
     *
     * @return the bytes for HTTP/1.1, or null when there are none (handed over, or too few to tell yet)
     */
    private @Nullable ByteBuffer probeHttp2(ByteBuffer in) {
        Http2Handoff h2 = settings.http2();
        ByteBuffer seen = in;
        if (probed != null) {
            seen = ByteBuffer.allocate(probed.remaining() + in.remaining()).put(probed).put(in).flip();
            in.position(in.limit());
        }
        // ALPN's h2 makes the connection HTTP/2 whatever it sends (RFC 9113 §3.2): a bad preface is HTTP/2's error.
        int match = h2 == null ? -1 : "h2".equals(transport.applicationProtocol()) ? 1 : Http2Handoff.matches(seen);
        if (match == 0) {
            probed = ByteBuffer.allocate(seen.remaining()).put(seen).flip();
            return null;
        }
        probingHttp2 = false;
        probed = null;
        if (match < 0) {
            return seen;
        }
        // The HTTP/2 handler counts the connection out when it closes, as an upgraded connection's handler does.
        ConnectionHandler next = h2.handler(transport);
        transport.replaceHandler(next);
        next.onData(seen);
        return null;
    }

    /** Whether bytes are still wanted: requests while open, or the rest of a body an application is reading. */
    private boolean wantsInput() {
        return state.parsesRequests() || (state == ConnectionState.CLOSING && bodyTarget != null);
    }

    private void feed(RequestParser p, ByteBuffer in) {
        while (pauses == 0) {
            if (state.parsesRequests() && !queue.isAccepting()) {
                enterClosing(); // the worker decided to close after its response: parse no further request
            }
            if (!wantsInput()) {
                return;
            }
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
        Exchange exchange = Exchange.request(head, bodyFlow);
        if (head.hasBody()) {
            bodyTarget = exchange;
        }
        boolean upgrade = head.upgradeWebSocket() && settings.webSocket() != null;
        if (upgrade) {
            ByteBuffer rest = ByteBuffer.allocate(in.remaining());
            rest.put(in).flip();
            exchange.leftover = rest;
            moveTo(ConnectionState.UPGRADED);
        } else if (!head.keepAlive() || queue.isShuttingDown()) {
            enterClosing(); // requests pipelined after "connection: close" are not answered; its body is still read
        }
        InlineResponder answerer = inline;
        if (answerer == null || upgrade || queue.inFlight() != 0 || queue.workerActive()) {
            dispatch(exchange);
        } else if (!head.hasBody()) {
            answerInline(answerer, exchange);
        } else if (!head.chunked() && head.contentLength() <= Math.min(in.remaining(), INLINE_BODY_LIMIT)) {
            inlineWaiting = exchange; // its whole body is in this read: answered inline at its end (onBodyEnd)
        } else {
            dispatch(exchange);
        }
    }

    private void answerInline(InlineResponder answerer, Exchange exchange) {
        if (answerer.answer(exchange)) {
            enterClosing();
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
                bodyTarget = null;
                enterClosing();
                closeIfDone(); // lingering: the response just sent is not destroyed by a reset
            }
            return;
        }
        byte[] chunk = new byte[bytes.remaining()];
        bytes.get(chunk);
        target.received(chunk.length);
        if (target.body.offer(chunk)) {
            pause(PAUSE_BODY);
        }
    }

    private void onBodyEnd() {
        Exchange target = bodyTarget;
        if (target == null) {
            return;
        }
        bodyTarget = null;
        target.body.complete();
        if (target == inlineWaiting && inline != null) {
            inlineWaiting = null;
            answerInline(inline, target);
        }
        syncReads(); // closing: the last body is read, stop
        closeIfDone();
    }

    private void onError(ParseError error) {
        headDeadline = 0;
        settings.activity().parseError(error.violation());
        // Uvicorn's WARNING, word for word; the detail (which the response body also names) at DEBUG.
        LOG.log(System.Logger.Level.WARNING, "Invalid HTTP request received.");
        LOG.log(System.Logger.Level.DEBUG, "Invalid HTTP request from {2}: {0} {1}", error.status(), error.reason(), client);
        Exchange target = bodyTarget;
        bodyTarget = null;
        enterClosing();
        if (target != null) {
            target.failBody(error); // the app already has this request: its exchange answers with the error
            closeIfDone(); // unless it finished already, and its body was being dropped
        } else {
            dispatch(Exchange.failure(error));
        }
    }

    @Override
    public void onInputClosed() {
        RequestParser p = parser;
        ParseError incomplete = p == null ? null : p.endOfInput();
        if (incomplete != null || bodyTarget != null) {
            LOG.log(System.Logger.Level.DEBUG, "client {0} closed the connection mid-request", client);
            transport.close(); // the application sees http.disconnect: its request will never be complete
            return;
        }
        if (state == ConnectionState.OPEN) {
            moveTo(ConnectionState.INPUT_ENDED);
        }
        queue.loopWaits(true);
        syncReads();
        closeIfDone();
    }

    // ---------------------------------------------------------------- hand-off to the worker

    private void dispatch(Exchange exchange) {
        if (inline != null) {
            inline.flush(); // earlier inline responses go out before anything a worker writes
        }
        if (!queue.offer(exchange, worker.starter())) {
            exchange.disconnect(); // a response already said "connection: close": never processed
            if (bodyTarget == exchange) {
                bodyTarget = null;
            }
            enterClosing();
            return;
        }
        if (queue.inFlight() >= ExchangeQueue.MAX_PIPELINE) {
            pause(PAUSE_PIPELINE);
            queue.loopWaits(true);
            if (queue.inFlight() < ExchangeQueue.MAX_PIPELINE) {
                // The worker finished one meanwhile and may not have seen loopWaits. Only lift the pause: the feed
                // that called us goes on with the bytes at hand (feeding from here would nest onData).
                pauses &= ~PAUSE_PIPELINE;
                syncReads();
            }
        }
    }

    /** Loop task from the worker, after an exchange, when the loop asked to hear of it. */
    private void onExchangeFinished() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        if (state.parsesRequests() && !queue.isAccepting()) {
            enterClosing();
        }
        if ((pauses & PAUSE_PIPELINE) != 0 && queue.inFlight() < ExchangeQueue.MAX_PIPELINE) {
            unpause(PAUSE_PIPELINE);
        }
        if (state == ConnectionState.OPEN && (pauses & PAUSE_PIPELINE) == 0) {
            queue.loopWaits(false); // nothing to hear of until the pipeline fills again: no task per request
        }
        closeIfDone();
    }

    /** Loop task: the response is complete but its request body is not; read and drop the rest. */
    private void bodyLeftUnread(Exchange exchange) {
        if (bodyTarget == exchange) {
            exchange.discarding = true;
            unpause(PAUSE_BODY);
        }
    }

    /** After end of input or in closing: close once every response is written and nothing received is unanswered. */
    private void closeIfDone() {
        boolean ending = state == ConnectionState.INPUT_ENDED || state == ConnectionState.CLOSING;
        if (ending && queue.inFlight() == 0 && bodyTarget == null && (pending == null || !state.parsesRequests())) {
            transport.closeGracefully();
        }
    }

    // ---------------------------------------------------------------- reading and its pauses

    private void moveTo(ConnectionState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("HTTP connection cannot go from " + state + " to " + next);
        }
        state = next;
        syncReads();
    }

    private void enterClosing() {
        if (state.parsesRequests()) {
            moveTo(ConnectionState.CLOSING);
            queue.loopWaits(true);
        }
        if (bodyTarget == null) {
            pending = null; // bytes after the last request are discarded, never parsed
        }
    }

    private void pause(int reason) {
        pauses |= reason;
        syncReads();
    }

    private void unpause(int reason) {
        if ((pauses & reason) == 0) {
            return;
        }
        pauses &= ~reason;
        if (pauses != 0 || state == ConnectionState.CLOSED) {
            return;
        }
        // Feed even without saved bytes: the parser may owe an event that needs no more input (the end of a body
        // whose last bytes arrived just before the pause), and the client may be waiting for our answer to it.
        ByteBuffer saved = pending;
        pending = null;
        if (saved != null || parser != null) {
            onData(saved != null ? saved : NO_BYTES);
        }
        syncReads();
        closeIfDone();
    }

    /** Reads from the socket exactly when input is wanted, no pause holds it back, and no saved bytes wait. */
    private void syncReads() {
        boolean want = pauses == 0 && pending == null && transport.isOpen()
                && (state == ConnectionState.OPEN || (state == ConnectionState.CLOSING && bodyTarget != null));
        if (want != readsOn) {
            readsOn = want;
            if (want) {
                transport.resumeReads();
            } else {
                transport.suspendReads();
            }
        }
    }

    // ---------------------------------------------------------------- timers and the server's lifecycle

    @Override
    public void onTick(long now) {
        if (state == ConnectionState.UPGRADED || state == ConnectionState.CLOSED) {
            return;
        }
        if (bodyDeadline != 0 && bodyTarget != null) {
            if ((pauses & PAUSE_BODY) != 0) {
                bodyDeadline = now + settings.bodyTimeoutNanos(); // the application is behind, not the client
            } else if (now - bodyDeadline >= 0) {
                bodyDeadline = 0;
                LOG.log(System.Logger.Level.DEBUG, "request body from {0} stalled", client);
                onError(new ParseError(Violation.REQUEST_BODY_TIMEOUT));
                return;
            }
        }
        if (queue.inFlight() != 0) {
            return;
        }
        if (shutdownDeadline != 0 && state == ConnectionState.OPEN && now - shutdownDeadline >= 0
                && now - queue.lastActivity() - IDLE_SHUTDOWN_GRACE_NANOS >= 0) {
            enterClosing();
            transport.closeGracefully(); // no request came: nothing is lost
            return;
        }
        if (headDeadline != 0) {
            if (now - headDeadline >= 0) {
                headDeadline = 0;
                LOG.log(System.Logger.Level.DEBUG, "request head from {0} not complete in time", client);
                onError(new ParseError(Violation.REQUEST_HEADER_TIMEOUT));
            }
        } else if (pending == null && now - queue.lastActivity() - settings.keepAliveNanos() >= 0) {
            // Idle since the last response, or still sending a body no application reads: Uvicorn's keep-alive
            // timer runs from the end of the response too.
            transport.close();
        }
    }

    /**
     * Responses not yet started say {@code connection: close}, and so does the answer to a request that arrives now.
     * A keep-alive client may send its next request the moment it reads a response, so the connection closes only
     * once it has been idle a short while: right away idle, or after its last response, which may have gone out as
     * keep-alive before the shutdown began (closing after it would drop the request the client then sends).
     */
    @Override
    public void onShutdown() {
        queue.shutDown();
        queue.loopWaits(true);
        if (state == ConnectionState.OPEN) {
            shutdownDeadline = transport.nanoTime() + IDLE_SHUTDOWN_GRACE_NANOS;
            return;
        }
        enterClosing();
        if (queue.inFlight() == 0 && bodyTarget == null) {
            transport.closeGracefully();
        }
    }

    /** The graceful shutdown timed out: the running application is cancelled and answers 503 if it had not started. */
    @Override
    public void onCancel() {
        queue.disconnectAll(true);
        enterClosing();
        if (queue.inFlight() == 0) {
            transport.close();
        } // otherwise the worker writes the 503 and closes; the server closes what is left after a grace
    }

    @Override
    public void onClosed() {
        state = ConnectionState.CLOSED;
        pending = null;
        if (inline != null) {
            inline.discard();
        }
        queue.disconnectAll(false);
        Exchange target = bodyTarget;
        if (target != null) {
            target.disconnect();
        }
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
}
