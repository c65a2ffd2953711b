package io.jvicorn.websocket.server;

import io.jvicorn.asgi.ClientDisconnectedException;
import io.jvicorn.asgi.ReceiveEvent;
import io.jvicorn.asgi.SendEvent;
import io.jvicorn.asgi.WebSocketAccept;
import io.jvicorn.asgi.WebSocketClose;
import io.jvicorn.asgi.WebSocketConnect;
import io.jvicorn.asgi.WebSocketDisconnect;
import io.jvicorn.asgi.WebSocketHttpResponseBody;
import io.jvicorn.asgi.WebSocketHttpResponseStart;
import io.jvicorn.asgi.WebSocketPing;
import io.jvicorn.asgi.WebSocketPong;
import io.jvicorn.asgi.WebSocketScope;
import io.jvicorn.asgi.WebSocketSend;
import io.jvicorn.asgi.rules.WebSocketPhase;
import io.jvicorn.engine.ConnectionClosedException;
import io.jvicorn.engine.FlightEvents;
import io.jvicorn.http11.server.UpgradeRequest;
import io.jvicorn.websocket.codec.CloseStatus;
import io.jvicorn.websocket.codec.HandshakeAccepted;
import io.jvicorn.websocket.codec.OutboundFrame;
import io.jvicorn.websocket.codec.SessionState;
import io.jvicorn.websocket.codec.WebSocketSession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The application's side of one WebSocket: ASGI's {@code receive} and {@code send} with Uvicorn's rules, and what
 * happens when the application returns. Runs on the connection's worker virtual thread; {@code send} may also be
 * called from other threads (a chat broadcasting to every socket), so each send holds the {@link FrameWriter}'s lock.
 */
final class AsgiWebSocket {
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    private static final WebSocketDisconnect CONNECTION_LOST = new WebSocketDisconnect(CloseStatus.ABNORMAL_CLOSURE, "");
    private static final CloseStatus NORMAL = new CloseStatus(CloseStatus.NORMAL_CLOSURE, "");
    /** Time allowed, beyond the close timeout, for the loop to end the connection before it is dropped. */
    private static final long END_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SocketEndpoint endpoint;
    private final SocketHandler handler;
    private final UpgradeRequest request;
    private final HandshakeAccepted handshake;
    private final HandshakeWire wire;
    private final WebSocketScope scope;

    // Guarded by the writer's lock.
    private final OutboundFrame frame = new OutboundFrame();

    private volatile boolean connectSent;
    /** Whether and when the application accepted, the JFR event and the count of sent messages. App thread. */
    private boolean accepted;
    private long openedAt;
    private @Nullable SessionEvent recorded;
    private long messagesSent;

    AsgiWebSocket(SocketEndpoint endpoint, SocketHandler handler, UpgradeRequest request, HandshakeAccepted handshake,
                  HandshakeWire wire, WebSocketScope scope) {
        this.endpoint = endpoint;
        this.handler = handler;
        this.request = request;
        this.handshake = handshake;
        this.wire = wire;
        this.scope = scope;
    }

    /** Runs the application, then ends the socket as Uvicorn does. */
    void run() {
        endpoint.appThread(Thread.currentThread());
        Throwable failure = null;
        try {
            request.app().call(scope, this::receive, this::send);
        } catch (ClientDisconnectedException e) {
            LOG.log(System.Logger.Level.DEBUG, "WebSocket client disconnected: {0}", e.getMessage());
        } catch (InterruptedException | InterruptedIOException e) {
            if (!endpoint.isCancelled()) {
                failure = e;
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            endpoint.appThread(null);
            Thread.interrupted();
        }
        try {
            if (endpoint.isCancelled()) {
                endpoint.connection.close();
                return;
            }
            boolean open = finish(failure);
            if (open) {
                awaitEnd();
            }
        } finally {
            sessionEnded();
        }
    }

    /** Reports the end of a session the application had accepted. */
    private void sessionEnded() {
        if (!accepted) {
            return;
        }
        request.settings().activity().observer().webSocketClosed(System.nanoTime() - openedAt);
        SessionEvent event = recorded;
        if (event != null) {
            event.path = request.path();
            event.messagesSent = messagesSent;
            FlightEvents.commit(event);
        }
    }

    // ------------------------------------------------------------------ receive

    private ReceiveEvent receive() throws InterruptedException {
        if (!connectSent) {
            connectSent = true;
            return WebSocketConnect.INSTANCE;
        }
        return endpoint.inbox.take();
    }

    // ------------------------------------------------------------------ send

    private void send(SendEvent event) throws IOException, InterruptedException {
        FrameWriter writer = endpoint.writer;
        writer.lockInterruptibly();
        try {
            switch (event) {
                case WebSocketSend message -> sendMessage(message);
                case WebSocketPing ping -> sendControl(ping, ping.payload(), true);
                case WebSocketPong pong -> sendControl(pong, pong.payload(), false);
                case WebSocketAccept accept -> accept(accept);
                case WebSocketClose close -> close(close);
                case WebSocketHttpResponseStart start -> startDenial(start);
                case WebSocketHttpResponseBody body -> continueDenial(body);
                default -> throw new IllegalStateException(endpoint.phase.unexpected(event));
            }
        } catch (ConnectionClosedException e) {
            throw new ClientDisconnectedException(e.getMessage(), e);
        } finally {
            writer.unlock();
        }
    }

    /** Session lock held: throws unless the socket is in {@code expected}, with Uvicorn's messages. */
    private void requirePhase(WebSocketPhase expected, SendEvent event) throws ClientDisconnectedException {
        WebSocketPhase phase = endpoint.phase;
        if (endpoint.appDone) {
            throw new IllegalStateException(WebSocketPhase.afterClose(event));
        }
        if (phase == WebSocketPhase.REFUSED || endpoint.released) {
            throw new ClientDisconnectedException("WebSocket connection closed before " + event.type());
        }
        if (phase == expected) {
            return;
        }
        throw new IllegalStateException(phase.unexpected(event));
    }

    /** Session lock held: the open session, or the exception for a socket that can no longer send. */
    private WebSocketSession openSession(SendEvent event) throws ClientDisconnectedException {
        requirePhase(WebSocketPhase.OPEN, event);
        WebSocketSession session = endpoint.session;
        if (session == null || session.state() != SessionState.OPEN || !endpoint.connection.isOpen()) {
            throw new ClientDisconnectedException("WebSocket closed before " + event.type());
        }
        return session;
    }

    private void sendMessage(WebSocketSend message) throws IOException {
        endpoint.lockSession();
        try {
            openSession(message).encodeSend(message, frame);
        } finally {
            endpoint.unlockSession();
        }
        endpoint.writer.write(frame.toBuffers());
        messagesSent++;
        request.settings().activity().observer().webSocketMessageSent(message.text() != null);
    }

    /** A ping (after which the client's pongs reach the application) or an unsolicited pong. */
    private void sendControl(SendEvent event, byte[] payload, boolean ping) throws IOException {
        endpoint.lockSession();
        try {
            WebSocketSession session = openSession(event);
            if (ping) {
                endpoint.appPings = true; // before the ping leaves, so its pong cannot arrive unannounced
                session.encodePing(payload, frame);
            } else {
                session.encodePong(payload, frame);
            }
        } finally {
            endpoint.unlockSession();
        }
        endpoint.writer.write(frame.toBuffers());
    }

    private void accept(WebSocketAccept accept) throws IOException {
        WireAction response;
        endpoint.lockSession();
        try {
            requirePhase(WebSocketPhase.HANDSHAKE, accept);
            response = wire.acceptance(handshake, accept);
            endpoint.session = new WebSocketSession(endpoint.settings.codecConfig(), handshake.deflate());
            endpoint.phase = WebSocketPhase.OPEN;
        } finally {
            endpoint.unlockSession();
        }
        accessLog("[accepted]");
        recorded = FlightEvents.recording() ? SessionEvent.beginIfEnabled() : null;
        openedAt = System.nanoTime();
        accepted = true;
        request.settings().activity().observer().webSocketOpened();
        response.run();
        ByteBuffer leftover = request.leftover();
        endpoint.connection.execute(() -> handler.opened(leftover));
    }

    private void close(WebSocketClose close) throws IOException {
        endpoint.lockSession();
        boolean refuse;
        try {
            refuse = endpoint.phase == WebSocketPhase.HANDSHAKE && !endpoint.appDone && !endpoint.released;
            if (refuse) {
                endpoint.phase = WebSocketPhase.REFUSED;
            } else {
                WebSocketSession session = openSession(close);
                session.encodeClose(new CloseStatus(close.code(), close.reason()), frame);
                endpoint.inbox.finish(new WebSocketDisconnect(close.code(), close.reason()));
            }
            endpoint.appDone = true;
        } finally {
            endpoint.unlockSession();
        }
        if (refuse) {
            // ASGI: a close before accept rejects the handshake with 403.
            accessLog("403");
            refuseWith(wire.refusal(403, ""));
            return;
        }
        endpoint.armCloseDeadline();
        endpoint.writer.write(frame.toBuffers());
    }

    private void startDenial(WebSocketHttpResponseStart start) throws ClientDisconnectedException {
        WebSocketPhase.requireFinalStatus(start);
        endpoint.lockSession();
        try {
            requirePhase(WebSocketPhase.HANDSHAKE, start);
            wire.startDenial(start);
            endpoint.phase = WebSocketPhase.DENYING;
        } finally {
            endpoint.unlockSession();
        }
        accessLog(String.valueOf(start.status()));
    }

    private void continueDenial(WebSocketHttpResponseBody body) throws IOException {
        endpoint.lockSession();
        try {
            requirePhase(WebSocketPhase.DENYING, body);
            if (!body.moreBody()) {
                endpoint.phase = WebSocketPhase.REFUSED;
                endpoint.appDone = true;
            }
        } finally {
            endpoint.unlockSession();
        }
        wire.denialBody(body);
        if (!body.moreBody()) {
            endpoint.inbox.finish(CONNECTION_LOST);
            endpoint.connection.closeGracefully();
        }
    }

    /** Writes a complete refusal response and closes; the writer's lock is held. */
    private void refuseWith(WireAction response) throws IOException {
        endpoint.inbox.finish(CONNECTION_LOST);
        try {
            response.run();
        } finally {
            endpoint.connection.closeGracefully();
        }
    }

    // ------------------------------------------------------------------ after the application

    /**
     * Ends the socket after the application returned or failed (Uvicorn: 500 when no handshake was sent, an abrupt
     * close after a failure on an open socket). An open socket the application left open gets a normal close.
     *
     * @return true if a close handshake may be under way, to be awaited
     */
    private boolean finish(@Nullable Throwable failure) {
        FrameWriter writer = endpoint.writer;
        writer.lock();
        try {
            WebSocketPhase phase;
            boolean closeNow = false;
            endpoint.lockSession();
            try {
                phase = endpoint.phase;
                if (phase == WebSocketPhase.HANDSHAKE) {
                    endpoint.phase = WebSocketPhase.REFUSED;
                }
                WebSocketSession session = endpoint.session;
                if (phase == WebSocketPhase.OPEN && failure == null && session != null && !endpoint.released
                        && session.state() == SessionState.OPEN) {
                    session.encodeClose(NORMAL, frame);
                    endpoint.inbox.finish(NORMAL.toDisconnect());
                    closeNow = true;
                }
            } finally {
                endpoint.unlockSession();
            }
            if (failure != null) {
                LOG.log(System.Logger.Level.ERROR, "Exception in ASGI application", failure);
            }
            switch (phase) {
                case HANDSHAKE -> {
                    if (failure == null) {
                        LOG.log(System.Logger.Level.ERROR, "ASGI callable returned without sending handshake.");
                    }
                    refuseQuietly(wire.refusal(500, "Internal Server Error"));
                    return false;
                }
                case DENYING -> {
                    if (failure == null) {
                        LOG.log(System.Logger.Level.ERROR, "ASGI callable returned without completing response.");
                    }
                    endpoint.connection.closeGracefully();
                    return false;
                }
                case OPEN -> {
                    if (failure != null) {
                        endpoint.connection.close();
                        return false;
                    }
                    if (closeNow) {
                        endpoint.armCloseDeadline();
                        writeQuietly(frame);
                    }
                    return true;
                }
                case REFUSED -> {
                    return false;
                }
            }
            return false;
        } finally {
            writer.unlock();
        }
    }

    private void refuseQuietly(WireAction response) {
        try {
            refuseWith(response);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "WebSocket refusal not written: {0}", e.getMessage());
        }
    }

    private void writeQuietly(OutboundFrame f) {
        try {
            endpoint.writer.write(f.toBuffers());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "WebSocket close frame not written: {0}", e.getMessage());
        }
    }

    /** Waits until the loop ends the connection (the close handshake completes or its deadline passes). */
    private void awaitEnd() {
        long wait = endpoint.settings.closeTimeout().toNanos() + END_GRACE_NANOS;
        try {
            if (!endpoint.ended.await(wait, TimeUnit.NANOSECONDS)) {
                endpoint.connection.close();
            }
        } catch (InterruptedException e) {
            endpoint.connection.close();
            Thread.currentThread().interrupt();
        }
    }

    private void accessLog(String outcome) {
        AccessLog.handshake(request.settings(), scope.client(), request.head(), outcome);
    }
}
