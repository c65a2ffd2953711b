package io.jvicorn.websocket.server;

import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.WebSocketPongReceive;
import io.jvicorn.asgi.WebSocketReceive;
import io.jvicorn.asgi.rules.WebSocketPhase;
import io.jvicorn.engine.ConnectionHandler;
import io.jvicorn.http11.server.HttpSettings;
import io.jvicorn.websocket.codec.CloseStatus;
import io.jvicorn.websocket.codec.OutboundFrame;
import io.jvicorn.websocket.codec.SessionState;
import io.jvicorn.websocket.codec.WebSocketEvent;
import io.jvicorn.websocket.codec.WebSocketSession;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The selector loop's side of one WebSocket: decodes received bytes with the session, queues messages for the
 * application, answers pings and close frames, sends keepalive pings and enforces the closing deadline. Installed when
 * the upgrade starts (reads still suspended); frames are read once the application has accepted.
 *
 * <p>Everything here runs on the loop. Work that needs the session lock while an application thread holds it, or room
 * in a full inbox, is postponed: the input is kept, reads are suspended, and {@link #work()} runs again when the lock
 * or the room becomes available.
 */
final class SocketHandler implements ConnectionHandler {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final WebSocketDisconnect CONNECTION_LOST = new WebSocketDisconnect(CloseStatus.ABNORMAL_CLOSURE, "");
    private static final CloseStatus SERVICE_RESTART = new CloseStatus(1012, "");
    private static final CloseStatus PING_TIMEOUT = new CloseStatus(CloseStatus.INTERNAL_ERROR, "keepalive ping timeout");

    private final SocketEndpoint endpoint;
    private final HttpSettings http;
    private final HandshakeWire wire;
    private final Keepalive keepalive;
    private final OutboundFrame control = new OutboundFrame();

    private @Nullable ByteBuffer pending;
    private boolean readsSuspended = true; // the HTTP side stopped reading before handing over
    private boolean opened;
    private boolean shutdownWanted;
    private boolean inputEnded;
    private boolean closed;

    SocketHandler(SocketEndpoint endpoint, HttpSettings http, HandshakeWire wire) {
        this.endpoint = endpoint;
        this.http = http;
        this.wire = wire;
        this.keepalive = new Keepalive(endpoint.settings.pingIntervalNanos(), endpoint.settings.pingTimeoutNanos());
        endpoint.loopWork(this::work);
    }

    /**
     * Installed on a connection that closed before the handler could take over: the HTTP side already accounted for
     * the close; just tell the application.
     */
    void closedBeforeInstall() {
        closed = true;
        endpoint.ended.countDown();
        endpoint.inbox.finish(CONNECTION_LOST);
        work();
    }

    /** The accepting response (101, or 200 on an HTTP/2 stream) is written: decode what came with it, then read. */
    void opened(ByteBuffer leftover) {
        if (closed) {
            return;
        }
        opened = true;
        keepalive.start(System.nanoTime());
        if (leftover.hasRemaining()) {
            stash(leftover);
        }
        work();
    }

    @Override
    public void onData(ByteBuffer in) {
        if (pending == null && opened && endpoint.tryLockFromLoop()) {
            try {
                decode(in);
            } finally {
                endpoint.unlockFromLoop();
            }
        }
        if (in.hasRemaining()) {
            stash(in);
            suspendReads();
        }
    }

    /** Does whatever was postponed: input, shutdown, releasing the session. Loop thread. */
    void work() {
        if (!endpoint.tryLockFromLoop()) {
            return;
        }
        try {
            if (closed) {
                release();
                return;
            }
            if (shutdownWanted) {
                shutdownWanted = false;
                shutdown();
            }
            ByteBuffer p = pending;
            if (p != null && opened) {
                decode(p);
                if (!p.hasRemaining()) {
                    pending = null;
                }
            }
        } finally {
            endpoint.unlockFromLoop();
        }
        if (readsSuspended && opened && pending == null && !inputEnded && !closed && !endpoint.inbox.isFull()) {
            readsSuspended = false;
            endpoint.connection.resumeReads();
        }
    }

    /** Session lock held. Stops early, leaving input, when the inbox is full. */
    private void decode(ByteBuffer in) {
        WebSocketSession session = endpoint.session;
        if (session == null || endpoint.released) {
            in.position(in.limit());
            return;
        }
        boolean full = endpoint.inbox.isFull();
        while (in.hasRemaining() && !full) {
            WebSocketEvent event = session.receive(in);
            if (event == null) {
                return;
            }
            switch (event) {
                case WebSocketEvent.TextMessage text -> full = deliver(text.toReceive(), true);
                case WebSocketEvent.BinaryMessage binary -> full = deliver(binary.toReceive(), false);
                case WebSocketEvent.PingReceived ping -> {
                    if (session.state() == SessionState.OPEN) {
                        session.encodePong(ping.payload(), control);
                        endpoint.writer.enqueue(control.toByteArray());
                    }
                }
                case WebSocketEvent.PongReceived pong -> {
                    if (!keepalive.pong(pong.payload()) && endpoint.appPings) {
                        full = deliver(new WebSocketPongReceive(pong.payload()));
                    }
                }
                case WebSocketEvent.CloseReceived close -> closing(session);
                case WebSocketEvent.ProtocolFailure failure -> {
                    LOG.log(System.Logger.Level.DEBUG, "WebSocket protocol error from the client: {0} {1}",
                            failure.status().code(), failure.status().reason());
                    closing(session);
                }
            }
        }
    }

    /** @return true if the inbox is now full */
    private boolean deliver(WebSocketReceive message, boolean text) {
        if (!endpoint.appDone) {
            http.activity().observer().webSocketMessageReceived(text);
        }
        return deliver(message);
    }

    /** @return true if the inbox is now full */
    private boolean deliver(ReceiveEvent message) {
        // After its own close the application expects nothing more; RFC 6455 lets us drop late messages.
        return !endpoint.appDone && endpoint.inbox.offer(message);
    }

    /** The peer closed or failed: report it, answer with the close frame owed, and close TCP when both are done. */
    private void closing(WebSocketSession session) {
        keepalive.stop();
        CloseStatus status = session.disconnectStatus();
        if (status != null) {
            endpoint.inbox.finish(status.toDisconnect());
        }
        CloseStatus owed = session.pendingClose();
        if (owed != null) {
            session.encodeClose(owed, control);
            endpoint.writer.enqueue(control.toByteArray());
        }
        if (session.isDone()) {
            endpoint.writer.enqueueClose();
        }
        endpoint.armCloseDeadline();
    }

    /** Session lock held. Uvicorn's shutdown: 500 during the handshake, close 1012 on an open socket. */
    private void shutdown() {
        switch (endpoint.phase) {
            case HANDSHAKE -> {
                endpoint.phase = WebSocketPhase.REFUSED;
                endpoint.writer.enqueue(wire.refusal(500, "Internal Server Error"));
                endpoint.writer.enqueueClose();
                endpoint.inbox.finish(CONNECTION_LOST);
                endpoint.armCloseDeadline();
            }
            case OPEN -> sendClose(SERVICE_RESTART, false);
            case DENYING, REFUSED -> {
                // The application is finishing (or has finished) an HTTP response; the connection closes after it.
            }
        }
    }

    /** Session lock held: this side closes with {@code status}, unless a close frame was already sent. */
    private void sendClose(CloseStatus status, boolean dropAfterWrite) {
        WebSocketSession session = endpoint.session;
        keepalive.stop();
        if (session == null || endpoint.released || session.state() != SessionState.OPEN) {
            return;
        }
        endpoint.inbox.finish(status.toDisconnect());
        session.encodeClose(status, control);
        endpoint.writer.enqueue(control.toByteArray());
        if (dropAfterWrite) {
            endpoint.writer.enqueueClose();
        }
        endpoint.armCloseDeadline();
    }

    @Override
    public void onTick(long now) {
        long deadline = endpoint.closeDeadline();
        if (deadline != 0 && now - deadline >= 0) {
            LOG.log(System.Logger.Level.DEBUG, "WebSocket close handshake timed out; dropping the connection");
            endpoint.connection.close();
            return;
        }
        if (!opened || closed) {
            return;
        }
        Keepalive.Action action = keepalive.check(now);
        if (action == Keepalive.Action.NOTHING || !endpoint.tryLockFromLoop()) {
            return; // a busy session lock: the next tick tries again
        }
        try {
            WebSocketSession session = endpoint.session;
            if (session == null || endpoint.released || session.state() != SessionState.OPEN) {
                return;
            }
            if (action == Keepalive.Action.PING) {
                session.encodePing(keepalive.ping(now), control);
                endpoint.writer.enqueue(control.toByteArray());
            } else {
                // The peer is unresponsive: waiting for its answer to our close would be pointless.
                sendClose(PING_TIMEOUT, true);
            }
        } finally {
            endpoint.unlockFromLoop();
        }
    }

    /**
     * The peer sent FIN: no close frame can follow. Reported as 1006 unless a close was already reported; frames
     * already queued (such as the answer to the peer's close) are still written before the connection closes.
     */
    @Override
    public void onInputClosed() {
        inputEnded = true;
        suspendReads(); // EOF stays readable: without this the loop would be told again and again
        endpoint.inbox.finish(CONNECTION_LOST);
        endpoint.writer.enqueueClose();
        endpoint.armCloseDeadline();
    }

    @Override
    public void onShutdown() {
        shutdownWanted = true;
        work();
    }

    @Override
    public void onCancel() {
        endpoint.cancelApp();
        endpoint.connection.close();
    }

    @Override
    public void onClosed() {
        closed = true;
        pending = null;
        endpoint.ended.countDown();
        endpoint.inbox.finish(CONNECTION_LOST);
        if (wire.ownsConnection()) {
            http.activity().connectionClosed();
        }
        work();
    }

    /** Session lock held: frees the codec's native memory; the application's next send fails. */
    private void release() {
        if (endpoint.released) {
            return;
        }
        endpoint.released = true;
        if (endpoint.phase == WebSocketPhase.HANDSHAKE) {
            endpoint.phase = WebSocketPhase.REFUSED;
        }
        WebSocketSession session = endpoint.session;
        if (session != null) {
            session.close();
        }
    }

    private void stash(ByteBuffer in) {
        ByteBuffer p = pending;
        ByteBuffer copy = ByteBuffer.allocate((p == null ? 0 : p.remaining()) + in.remaining());
        if (p != null) {
            copy.put(p);
        }
        copy.put(in).flip();
        pending = copy;
    }

    private void suspendReads() {
        if (!readsSuspended && !closed) {
            readsSuspended = true;
            endpoint.connection.suspendReads();
        }
    }
}
